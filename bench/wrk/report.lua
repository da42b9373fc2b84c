-- Shared by the bench scripts: at the end of a wrk run, writes what it measured as key=value lines to the file
-- named by BENCH_OUT (bench/run adds the CPU figures and bench/Report.java reads it).
-- Latencies are in microseconds, as wrk records them.
local report = {}

function report.done(summary, latency, requests)
   local out = os.getenv("BENCH_OUT")
   if out == nil or out == "" then
      return
   end
   local f = assert(io.open(out, "w"))
   local e = summary.errors
   f:write(string.format("requests=%d\n", summary.requests))
   f:write(string.format("duration_us=%d\n", summary.duration))
   f:write(string.format("bytes=%d\n", summary.bytes))
   f:write(string.format("rps=%.1f\n", summary.requests / (summary.duration / 1e6)))
   f:write(string.format("errors_connect=%d\nerrors_read=%d\nerrors_write=%d\nerrors_timeout=%d\n",
      e.connect, e.read, e.write, e.timeout))
   f:write(string.format("non_2xx=%d\n", e.status))
   f:write(string.format("lat_mean_us=%.1f\nlat_max_us=%d\nlat_stdev_us=%.1f\n", latency.mean, latency.max, latency.stdev))
   for _, p in ipairs({ 50, 75, 90, 99, 99.9 }) do
      f:write(string.format("lat_p%s_us=%d\n", tostring(p):gsub("%.", "_"), latency:percentile(p)))
   end
   f:close()
end

return report
