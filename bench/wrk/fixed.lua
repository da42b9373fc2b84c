-- One fixed request, formatted once by wrk itself (no per-request Lua work).
-- BENCH_METHOD (default GET) and BENCH_BODY set the method and body; headers come from wrk -H.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body ~= nil and body ~= "" then
   wrk.body = body
end

done = report.done
