-- Shared by the load scripts: at the end of a wrk run, prints one machine-readable line that run.sh reads:
-- RESULT <name> <requests> <seconds> <requests/s> <p50 ms> <p99 ms> <errors> <non-2xx/3xx>
-- errors counts connect, read, write and timeout errors and answers with status 400 or above.
local report = {}

function report.done(name)
  return function(summary, latency, requests)
    local e = summary.errors
    local errors = e.connect + e.read + e.write + e.timeout + e.status
    local seconds = summary.duration / 1e6
    io.write(string.format("RESULT %s %d %.2f %.1f %.2f %.2f %d %d\n",
      name, summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, e.status))
  end
end

-- The non-empty lines of a file.
function report.lines(path)
  local result = {}
  local file = assert(io.open(path, "r"), "cannot read " .. path)
  for line in file:lines() do
    if line ~= "" then table.insert(result, line) end
  end
  file:close()
  return result
end

return report
