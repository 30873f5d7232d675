/**
 * Lua scripts of the Redis store: each runs atomically on the server, which is what makes a commit all-or-nothing
 * and an idempotency key unique across replicas. Keys are built from the prefix in ARGV[1] (a single Redis node,
 * not Redis Cluster). JSON is decoded in Lua only to read it: records are stored as the strings JS wrote (Lua's
 * cjson would turn `[]` into `{}` and round long numbers).
 *
 * Layout under the prefix: `tracks`, `paused` (strings); `inc` (hash id → record), `inc:ack` / `inc:mute` (hash id →
 * what a person did, kept apart so a round that read the record before the button cannot erase it), `inc:open` /
 * `inc:key:<key>` / `inc:alert:<alertId>` (sorted sets of ids by opening time), `inc:resolved` (by resolution time); `alerts` (hash
 * alertId → ref); `outbox:idem` (hash key → id, pruned with its delivered row), `outbox:<id>` (hash), `outbox:pending` (ids by id),
 * `outbox:delivered` (ids by delivery time), `outbox:dead` (ids by when given up); `probes` (sorted set by time, members `<seq>|<json>`).
 */

/** ARGV: prefix, write JSON, nowMs, probe cutoff, max probe rows, delivered cutoff, resolved cutoff, fence key, fence token. */
export const COMMIT_LUA = `
local p = ARGV[1]
if ARGV[8] ~= '' and redis.call('GET', ARGV[8]) ~= ARGV[9] then return 0 end
local w = cjson.decode(ARGV[2])
if w.tracks then redis.call('SET', p .. 'tracks', w.tracks) end
for _, i in ipairs(w.incidents) do
  redis.call('HSET', p .. 'inc', i.id, i.data)
  redis.call('ZADD', p .. 'inc:key:' .. i.key, i.at, i.id)
  redis.call('ZADD', p .. 'inc:alert:' .. i.alert, i.at, i.id)
  if i.open then
    redis.call('ZADD', p .. 'inc:open', i.at, i.id)
    redis.call('ZREM', p .. 'inc:resolved', i.id)
    if i.mute then redis.call('HSET', p .. 'inc:mute', i.id, i.mute) end
  else
    redis.call('ZREM', p .. 'inc:open', i.id)
    redis.call('ZADD', p .. 'inc:resolved', i.done, i.id)
    redis.call('HDEL', p .. 'inc:mute', i.id)
  end
  if i.ack then redis.call('HSET', p .. 'inc:ack', i.id, i.ack) end
end
for _, d in ipairs(w.deliveries) do
  if redis.call('HSETNX', p .. 'outbox:idem', d.idem, '0') == 1 then
    local id = redis.call('INCR', p .. 'outbox:seq')
    redis.call('HSET', p .. 'outbox:idem', d.idem, id)
    redis.call('HSET', p .. 'outbox:' .. id, 'idem', d.idem, 'alert', d.alert, 'payload', d.payload, 'attempts', 0, 'next', ARGV[3], 'created', ARGV[3])
    redis.call('ZADD', p .. 'outbox:pending', id, id)
  end
end
if #w.probes > 0 then
  for _, m in ipairs(w.probes) do
    local n = redis.call('INCR', p .. 'probes:seq')
    redis.call('ZADD', p .. 'probes', m.at, string.format('%015d', n) .. '|' .. m.data)
  end
  -- Bounded by retention and by a row cap, pruned as we write (as the SQLite store does).
  redis.call('ZREMRANGEBYSCORE', p .. 'probes', '-inf', '(' .. ARGV[4])
  redis.call('ZREMRANGEBYRANK', p .. 'probes', 0, -tonumber(ARGV[5]) - 1)
  for _, settled in ipairs({ 'outbox:delivered', 'outbox:dead' }) do
    for _, id in ipairs(redis.call('ZRANGEBYSCORE', p .. settled, '-inf', '(' .. ARGV[6])) do
      -- The idempotency key goes with its row, as in the SQLite store: the index stays bounded by the retention.
      local idem = redis.call('HGET', p .. 'outbox:' .. id, 'idem')
      if idem then redis.call('HDEL', p .. 'outbox:idem', idem) end
      redis.call('DEL', p .. 'outbox:' .. id)
      redis.call('ZREM', p .. settled, id)
    end
  end
  local gone = {}
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', p .. 'inc:resolved', '-inf', '(' .. ARGV[7])) do
    local rec = cjson.decode(redis.call('HGET', p .. 'inc', id))
    redis.call('HDEL', p .. 'inc', id)
    redis.call('HDEL', p .. 'inc:ack', id)
    redis.call('ZREM', p .. 'inc:resolved', id)
    redis.call('ZREM', p .. 'inc:key:' .. rec.key, id)
    redis.call('ZREM', p .. 'inc:alert:' .. rec.alertId, id)
    gone[rec.alertId] = true
  end
  -- An alert's ref goes with its last incident, unless a delivery still waits for it.
  if next(gone) then
    for _, id in ipairs(redis.call('ZRANGE', p .. 'outbox:pending', 0, -1)) do
      gone[redis.call('HGET', p .. 'outbox:' .. id, 'alert') or ''] = nil
    end
    for alert in pairs(gone) do
      if redis.call('ZCARD', p .. 'inc:alert:' .. alert) == 0 then redis.call('HDEL', p .. 'alerts', alert) end
    end
  end
end
return 1
`;

/** ARGV: prefix, mode (delivered | retry | retry_uncounted | dead | sending), id, nowMs or next attempt, error, ref alertId, ref JSON. */
export const MARK_LUA = `
local p = ARGV[1]
local row = p .. 'outbox:' .. ARGV[3]
if ARGV[6] ~= '' then redis.call('HSETNX', p .. 'alerts', ARGV[6], ARGV[7]) end
if redis.call('EXISTS', row) == 0 then return 0 end
if ARGV[2] == 'sending' then
  redis.call('HSETNX', row, 'sending', ARGV[4])
  return 1
end
if ARGV[2] ~= 'retry_uncounted' then redis.call('HINCRBY', row, 'attempts', 1) end
if ARGV[2] == 'delivered' then
  redis.call('HSET', row, 'state', 'delivered', 'delivered_at', ARGV[4])
  redis.call('ZREM', p .. 'outbox:pending', ARGV[3])
  redis.call('ZADD', p .. 'outbox:delivered', ARGV[4], ARGV[3])
elseif ARGV[2] == 'retry' or ARGV[2] == 'retry_uncounted' then
  redis.call('HSET', row, 'next', ARGV[4], 'last_error', ARGV[5])
else
  redis.call('HSET', row, 'state', 'dead', 'last_error', ARGV[5], 'dead_at', ARGV[4])
  redis.call('ZREM', p .. 'outbox:pending', ARGV[3])
  redis.call('ZADD', p .. 'outbox:dead', ARGV[4], ARGV[3])
end
return 1
`;
