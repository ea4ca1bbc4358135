-- GET a list of paths in turn (each connection starts at a different one), with an optional cookie.
--   PATHS_FILE  a file of paths, one per line
--   COOKIE      a Cookie header value, e.g. "MegaBench.Session=..." (optional: anonymous without it)
--   NAME        the name printed on the RESULT line
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
local report = dofile(here .. "report.lua")
local paths = report.lines(os.getenv("PATHS_FILE"))
local cookie = os.getenv("COOKIE")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
end

local i = 0
function init(args)
  i = (offset or 0) % #paths
  if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = report.done(os.getenv("NAME") or "get")
