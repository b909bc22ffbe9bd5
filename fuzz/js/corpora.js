// Replays the HTTP fuzz corpora (fuzz/corpus/*, fuzz/regressions/*) through the JavaScript API of
// wasi_http, so that the engine, not only the Rust parsers, sees every input: each file is fed to
// parseRequest, parseResponse and parseChunk, whole and in two pieces, and every result is walked
// (headers, body, JSON.stringify, String()). Run from the repository's root:
//     target/panic-hunt/wasmedge_boa fuzz/js/corpora.js
// It prints one line per directory and `done`; an engine failure ends the process instead.
import * as http from 'wasi_http';
import { readdirSync, readFileSync } from 'fs';

function walk(value) {
    try {
        if (value instanceof Error) return String(value);
        if (value === undefined || value === null) return String(value);
        if (value instanceof ArrayBuffer) return value.byteLength;
        const parts = [JSON.stringify(value), String(value)];
        for (const key of Object.keys(value)) parts.push(key, String(value[key]));
        if (value.headers) parts.push(JSON.stringify(value.headers));
        return parts.join('').length;
    } catch (e) {
        return 'threw ' + e.name;
    }
}

function feed(bytes, method, split) {
    const buffer = new http.Buffer();
    const seen = [];
    try {
        if (split === undefined) {
            buffer.append(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        } else {
            buffer.append(bytes.slice(0, split).buffer);
        }
        for (let i = 0; i < 64; i++) {
            const result = buffer[method](method === 'parseRequest' ? true : undefined);
            seen.push(walk(result));
            if (result === undefined || result === null || result instanceof Error) {
                if (split === undefined || i > 0) break;
                buffer.append(bytes.slice(split).buffer);
            }
        }
    } catch (e) {
        seen.push('threw ' + (e && e.name));
    }
    return seen.length;
}

let files = 0;
for (const group of ['corpus', 'regressions']) {
    for (const target of ['request', 'response', 'chunk']) {
        const dir = `fuzz/${group}/${target}`;
        let names;
        try {
            names = readdirSync(dir);
        } catch (e) {
            continue;
        }
        for (const name of names) {
            const bytes = new Uint8Array(readFileSync(`${dir}/${name}`));
            for (const method of ['parseRequest', 'parseResponse', 'parseChunk']) {
                feed(bytes, method);
                feed(bytes, method, bytes.length >> 1);
            }
            files++;
        }
        print(`${dir}: ${names.length} files`);
    }
}
print(`${files} files`);
print('done');
