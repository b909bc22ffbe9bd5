// atob / btoa (forgiving-base64) and DOMException.
print(btoa(''), btoa('f'), btoa('fo'), btoa('foo'), btoa('\u00ff\u00fe\u0000'), btoa(null), btoa(12));
print(atob('Zm9v'), atob('Zg'), atob('Zg=='), atob(' Z g \n=\t= '), atob('Zh=='), JSON.stringify(atob('')));
print(Array.from(atob('//79'), (c) => c.charCodeAt(0)).join());
print(atob(btoa('round \u00e9 trip')) === 'round \u00e9 trip', atob(null) === atob('null'), JSON.stringify(atob(null)));

const attempt = (f, input) => {
  try {
    const result = f(input);
    print('ok', JSON.stringify(input), JSON.stringify(result));
  } catch (e) {
    print(JSON.stringify(input), e.name, e.code, e instanceof DOMException, e instanceof Error);
  }
};
for (const input of ['Zg=', 'Z', 'Zm9v=', 'Zm9vZ', 'Z===', 'Zm-v', 'Zm_v', '=Zm9', 'Zm\u00e9v', 'ab\u0100c']) attempt(atob, input);
for (const input of ['\u0100', 'ok\u20ac', '\ud83d\ude00']) attempt(btoa, input);
try { atob(); } catch (e) { print(e.name, e.message); }
try { btoa(); } catch (e) { print(e.name, e.message); }

// DOMException itself.
const d = new DOMException('went wrong', 'NotFoundError');
print(d.name, d.message, d.code, String(d), d instanceof Error, Object.prototype.toString.call(d));
const plain = new DOMException();
print(JSON.stringify(plain.name), JSON.stringify(plain.message), plain.code);
print(new DOMException('m', 'CustomName').code, new DOMException('m', 'AbortError').code, new DOMException('m', 'TimeoutError').code);
print(Object.getPrototypeOf(DOMException.prototype) === Error.prototype, typeof DOMException);
try { throw new DOMException('thrown', 'DataCloneError'); } catch (e) { print(e.name + ': ' + e.message); }
