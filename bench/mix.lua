-- wrk script of the mix scenario (bench/mix.py): every request asks for a path picked at random from a file,
-- one path a line, in which each kind of page appears as often as its share of the traffic.
--   wrk ... -s bench/mix.lua http://127.0.0.1:PORT/ -- PATHS_FILE

local paths = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("number", threads)  -- each thread draws its own sequence
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  math.randomseed(os.time() * 1000 + number)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
