-- The mixed profile: readers and respondents at once, measured together. Run with one thread per connection
-- (wrk -tN -cN): each connection owns one invitation link (as autosave.lua) and sends, of every five requests, one
-- autosave through its link and four GETs of the read paths (sheets and profiles), so 80 % reads and 20 % saves.
--   PATHS_FILE   the read paths, one per line
--   LINKS_FILE   lines "token organisation group code:version,..." (written by the generator's --links)
--   LINKS_FROM   the first line to use (1-based), plus LINKS_OFFSET: other links than the autosave run's, whose
--                versions that run moved on
--   COOKIE, ANTIFORGERY  the antiforgery pair of GET /api/antiforgery, sent with every request
--   NAME         the name printed on the RESULT line
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
local report = dofile(here .. "report.lua")
local links = report.lines(os.getenv("LINKS_FILE"))
local from = tonumber(os.getenv("LINKS_FROM") or "1") + tonumber(os.getenv("LINKS_OFFSET") or "0")
local count = 0

function setup(thread)
  local line = links[from + count]
  assert(line, "not enough links in " .. os.getenv("LINKS_FILE") .. " for one per connection from line " .. from)
  thread:set("link", line)
  thread:set("offset", count)
  count = count + 1
end

local paths = report.lines(os.getenv("PATHS_FILE"))
local token, codes, versions, next_code, current, sequence, i = nil, {}, {}, 0, nil, 0, 0
local values = { "yes", "no", "notDetermined" }
local saving = false

function init(args)
  local fields = {}
  for field in link:gmatch("%S+") do table.insert(fields, field) end
  token = fields[1]
  for pair in fields[4]:gmatch("[^,]+") do
    local code, version = pair:match("([^:]+):(%d+)")
    table.insert(codes, code)
    versions[code] = tonumber(version)
  end
  i = (offset or 0) * 7 % #paths
  -- On every request (wrk.format replaces wrk.headers by a table passed to it): harmless on the GETs.
  wrk.headers["Content-Type"] = "application/json"
  if os.getenv("COOKIE") then wrk.headers["Cookie"] = os.getenv("COOKIE") end
  if os.getenv("ANTIFORGERY") then wrk.headers["RequestVerificationToken"] = os.getenv("ANTIFORGERY") end
end

function request()
  sequence = sequence + 1
  saving = sequence % 5 == 0
  if saving then
    next_code = next_code % #codes + 1
    current = codes[next_code]
    local body = string.format('{"value":"%s","comment":"mixed load save %d","evidence":null,"expectedVersion":%d}',
      values[sequence % 3 + 1], sequence, versions[current])
    return wrk.format("PUT", "/api/q/" .. token .. "/answers/" .. current, nil, body)
  end
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  if saving and status == 200 then
    local version = body:match('"version"%s*:%s*(%d+)')
    if version then versions[current] = tonumber(version) end
  end
end

done = report.done(os.getenv("NAME") or "mixed")
