-- Respondents autosaving through their invitation links: run with one thread per connection (wrk -tN -cN), so that
-- each connection owns one link (one organisation), sends its requests one after the other and follows the
-- version of each of its statements (expectedVersion): no conflicts, every 200 is a new version.
--   LINKS_FILE   lines "token organisation group code:version,..." (written by the generator's --links)
--   LINKS_FROM   the first line to use (1-based; default 1), so that a warm-up and a measured run use other links
--   NAME         the name printed on the RESULT line
-- Each line may end with " cookie=<Cookie header> antiforgery=<token>" when the endpoint needs an antiforgery token.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
local report = dofile(here .. "report.lua")
local links = report.lines(os.getenv("LINKS_FILE"))
local from = tonumber(os.getenv("LINKS_FROM") or "1")
local count = 0

function setup(thread)
  local line = links[from + count]
  assert(line, "not enough links in " .. os.getenv("LINKS_FILE") .. " for one per connection from line " .. from)
  thread:set("link", line)
  count = count + 1
end

local token, codes, versions, next_code, current, saves, sequence = nil, {}, {}, 0, nil, 0, 0
local values = { "yes", "no", "notDetermined" }

function init(args)
  local fields = {}
  for field in link:gmatch("%S+") do table.insert(fields, field) end
  token = fields[1]
  for pair in fields[4]:gmatch("[^,]+") do
    local code, version = pair:match("([^:]+):(%d+)")
    table.insert(codes, code)
    versions[code] = tonumber(version)
  end
  wrk.headers["Content-Type"] = "application/json"
  -- The antiforgery pair of GET /api/antiforgery (cookie and header), shared by the connections unless a line has its own.
  if os.getenv("COOKIE") then wrk.headers["Cookie"] = os.getenv("COOKIE") end
  if os.getenv("ANTIFORGERY") then wrk.headers["RequestVerificationToken"] = os.getenv("ANTIFORGERY") end
  for i = 5, #fields do
    local key, value = fields[i]:match("([^=]+)=(.*)")
    if key == "cookie" then wrk.headers["Cookie"] = value:gsub("%%20", " ") end
    if key == "antiforgery" then wrk.headers["RequestVerificationToken"] = value end
  end
end

local opened = false

function request()
  -- wrk calls request() once on its first thread to check the script and drops what it returns, so that call must
  -- not count a version: each connection first opens its questionnaire (a GET that changes nothing), as a
  -- respondent does, and then saves.
  if not opened then
    opened = true
    return wrk.format("GET", "/api/q/" .. token)
  end
  next_code = next_code % #codes + 1
  current = codes[next_code]
  sequence = sequence + 1
  -- The comment changes on every save, so that every save writes a new version (as a respondent typing would).
  local body = string.format('{"value":"%s","comment":"load test save %d","evidence":null,"expectedVersion":%d}',
    values[sequence % 3 + 1], sequence, versions[current])
  versions[current] = versions[current] + 1
  return wrk.format("PUT", "/api/q/" .. token .. "/answers/" .. current, nil, body)
end

-- No response() handler: wrk would build a Lua table of every response's headers and a string of its body for it.
-- Each save that succeeds writes the next version (the comment changes every time), so the connection counts
-- versions itself; a save that fails is an error in the results, and its statement's later saves then answer 409
-- and are errors too.

done = report.done(os.getenv("NAME") or "autosave")
