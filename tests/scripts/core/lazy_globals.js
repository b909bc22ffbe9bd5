// `net` and `http` are made on first use; later uses at the same code site must still see them
// (a regression: redefining the global on first use broke Boa's cached lookups).
async function make(n) {
    const request = new http.WasiRequest();
    request.uri = '/' + n;
    await sleep(() => {}, 1);
    return request.uri + ' ' + typeof net.WasiTcpConn.connect;
}
print(await make(1));
print(await make(2));
http = 'replaced';
print(http);
