-- wrk script: counts answers outside 2xx (wrk itself only counts those
-- outside 2xx and 3xx) and prints one line that bench/load.sh reads.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    non2xx = 0
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
    end
end

function done(summary, latency, requests)
    local bad = 0
    for _, thread in ipairs(threads) do
        bad = bad + thread:get("non2xx")
    end
    local errors = summary.errors
    io.write(string.format(
        "RESULT %.1f %.2f %.2f %d %d %d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000,
        latency:percentile(99) / 1000,
        bad,
        errors.connect + errors.read + errors.write + errors.timeout,
        summary.requests
    ))
end
