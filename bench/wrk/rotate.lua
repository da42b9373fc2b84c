-- Scenario (f): the same GET, with x-account-id rotating over the ids in the file BENCH_IDS (one a line).
-- Requests are formatted once per thread at start; each thread starts at its own offset in the list.
local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local counter = 0
function setup(thread)
   thread:set("thread_index", counter)
   counter = counter + 1
end

local prepared = {}
local position = 1

function init(args)
   local ids = {}
   for line in io.lines(os.getenv("BENCH_IDS")) do
      if line ~= "" then
         ids[#ids + 1] = line
      end
   end
   assert(#ids > 0, "no account ids in " .. tostring(os.getenv("BENCH_IDS")))
   for i, id in ipairs(ids) do
      local headers = {}
      for name, value in pairs(wrk.headers) do
         headers[name] = value
      end
      headers["x-account-id"] = id
      prepared[i] = wrk.format(nil, nil, headers)
   end
   local index = tonumber(thread_index) or 0
   position = (index * 397) % #prepared + 1
end

function request()
   local r = prepared[position]
   position = position + 1
   if position > #prepared then
      position = 1
   end
   return r
end

done = report.done
