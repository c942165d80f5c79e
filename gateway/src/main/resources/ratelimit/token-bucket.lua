-- A token bucket with millisecond refill, on the Redis server's clock (one clock for every gateway instance).
-- KEYS[1] bucket key; ARGV[1] capacity (tokens); ARGV[2] refill (tokens per second); ARGV[3] tokens requested.
-- KEYS[2], KEYS[3], ARGV[4] and ARGV[5], for a request with an access token: the key that revokes its session, the
-- key that holds "<second>:<kept session>" (the user's tokens issued up to that second are revoked, except the kept
-- session's), the token's issue time (epoch seconds) and its session.
-- Returns {allowed (1|0), tokens left (floor), ms until the request could pass, ms until the bucket is full}, or
-- {-1, 0, 0, 0} for a revoked token, which takes nothing from the bucket.
if KEYS[2] ~= nil then
  if redis.call('EXISTS', KEYS[2]) == 1 then
    return {-1, 0, 0, 0}
  end
  local revoked = redis.call('GET', KEYS[3])
  if revoked then
    local up_to, kept = string.match(revoked, '^(%d+):(.*)$')
    if up_to ~= nil and tonumber(ARGV[4]) <= tonumber(up_to) and ARGV[5] ~= kept then
      return {-1, 0, 0, 0}
    end
  end
end

local key = KEYS[1]
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2]) / 1000
local requested = tonumber(ARGV[3])

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local state = redis.call('HMGET', key, 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end

tokens = math.min(capacity, tokens + math.max(0, now - ts) * per_ms)
local allowed = 0
local wait_ms = 0
if tokens >= requested then
  tokens = tokens - requested
  allowed = 1
else
  wait_ms = math.ceil((requested - tokens) / per_ms)
end
local full_ms = math.ceil((capacity - tokens) / per_ms)

redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', key, full_ms + 1000)
return {allowed, math.floor(tokens), wait_ms, full_ms}
