// Sends messages to LUX as the Playground's user and checks LUX's replies, read from the Playground's stream.
// Usage: node --experimental-websocket playground-test.mjs <playground port>
const port = process.argv[2];
const base = `http://127.0.0.1:${port}`;

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

const { config } = await (await fetch(`${base}/_internal/v1/config`)).json();
const chatId = config?.personalChat?.id;
const userId = config?.currentUser?.id;
if (!userId) fail(`no current user in the Playground's config: ${JSON.stringify(config).slice(0, 500)}`);
if (!chatId) fail(`no personal chat id in the Playground's config: ${JSON.stringify(config).slice(0, 500)}`);
console.log(`Playground personal chat ${chatId}, user ${userId}`);

const received = [];
let waiter = null;
const ws = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
ws.addEventListener('message', (event) => {
  let data;
  try { data = JSON.parse(event.data); } catch { data = event.data; }
  received.push(data);
  if (process.env.PG_DEBUG) console.log('WS:', JSON.stringify(data).slice(0, 2000));
  if (waiter) waiter();
});
await new Promise((resolve, reject) => {
  ws.addEventListener('open', resolve);
  ws.addEventListener('error', () => reject(new Error('WebSocket error')));
});

// The bot's messages in the stream ({action: 'createMessage', message: {from, text, attachments}}), found loosely.
function botActivities(from) {
  const out = [];
  const visit = (v) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (v.from && v.from.id && v.from.id !== userId && (v.text || v.attachments)) { out.push(v); return; }
    Object.values(v).forEach(visit);
  };
  received.slice(from).forEach(visit);
  return out;
}

async function send(text, accept, what) {
  const from = received.length;
  const res = await fetch(`${base}/_conversation/v1/conversations/${encodeURIComponent(chatId)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: { id: userId }, text, textFormat: 'plain' }),
  });
  if (!res.ok) fail(`sending "${text}" answered HTTP ${res.status}: ${await res.text()}`);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const hit = botActivities(from).find(accept);
    if (hit) { console.log(`OK: "${text}" -> ${what}`); return hit; }
    await new Promise((resolve) => { waiter = resolve; setTimeout(resolve, 500); });
  }
  const got = botActivities(from).map((a) => JSON.stringify({ text: a.text, attachments: a.attachments }).slice(0, 800));
  fail(`no reply to "${text}" with ${what} within 30 s; bot messages seen: ${got.length ? got.join('\n') : 'none'}`);
}

const cardText = (a) => JSON.stringify((a.attachments || []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive'));

await send('help', (a) => {
  const card = cardText(a);
  return card.includes('"AdaptiveCard"') && card.includes('campaign new') && /contacts add/.test(card);
}, 'an Adaptive Card (help) listing "contacts add" with a "campaign new" action');

await send('contacts add pg@example.com tag:playground', (a) => {
  const all = (a.text || '') + cardText(a);
  return /Added 1 contact/.test(all);
}, 'a reply saying "Added 1 contact"');

ws.close();
console.log('Playground test passed.');
process.exit(0);
