// fetch GET/POST/PUT with JSON against a server the harness runs on the port given as argument.
const base = `http://127.0.0.1:${args[1]}`;

const get = await fetch(`${base}/items?id=7`);
print('GET', get.status, get.ok, get.headers['content-type'], JSON.stringify(await get.json()));

const post = await fetch(`${base}/items`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'boa', n: 1 }),
});
print('POST', post.status, post.statusText, JSON.stringify(await post.json()));

const put = await fetch(new Request(`${base}/items/7`, { method: 'PUT', body: JSON.stringify([1, 2, 3]) }));
const echoed = await put.json();
print('PUT', put.status, echoed.method, echoed.path, echoed.body);

const chunked = await fetch(`${base}/chunked`);
print('chunked', chunked.headers.get('transfer-encoding'), await chunked.text());

const closeDelimited = await fetch(`${base}/close-delimited`);
print('close-delimited', await closeDelimited.text());

const redirected = await fetch(`${base}/redirect`);
print('redirect', redirected.status, redirected.redirected, redirected.url.endsWith('/items?id=7'));

const controller = new AbortController();
setTimeout(() => controller.abort(), 50);
try {
    await fetch(`${base}/slow`, { signal: controller.signal });
    print('abort: not aborted?');
} catch (e) {
    print('abort:', e.name);
}
