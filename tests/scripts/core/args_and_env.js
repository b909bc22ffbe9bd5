print(args.length, args[0], args.slice(1).join('|'));
print(typeof env, Object.keys(env).every((k) => typeof env[k] === 'string'));
args = args.slice(1);
print(args[0]);
print(newStringFromUTF8(new Uint8Array([104, 105]).buffer), newStringFromUTF8(42), newStringFromUTF8());
