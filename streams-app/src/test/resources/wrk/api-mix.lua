-- wrk script for ApiUnderLoadIT: wrk ... -s api-mix.lua http://127.0.0.1:PORT -- TOKEN PATH...
-- Each request asks the next of the paths in turn, with the bearer token. Every answer outside 2xx is counted
-- (wrk's own error count leaves out 1xx and 3xx), and done() prints one line the test parses.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  paths = {}
  for i = 2, #args do
    paths[#paths + 1] = args[i]
  end
  next_path = 0
  non2xx = 0
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path], { ["Authorization"] = "Bearer " .. token })
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format("meshlens-wrk requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d "
    .. "timeout=%d p50_us=%d p99_us=%d max_us=%d\n", summary.requests, summary.duration, non2xx_total,
    e.connect, e.read, e.write, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
