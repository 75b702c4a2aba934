-- wrk script: each request takes a random open or click path from the file named by the PATHS env variable.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
request = function()
  return wrk.format("GET", paths[math.random(#paths)], {["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"})
end
done = function(summary, latency, requests)
  io.write(string.format("COUNT requests=%d non2xx3xx=%d errors=%d p99_ms=%.2f\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, latency:percentile(99) / 1000))
end
