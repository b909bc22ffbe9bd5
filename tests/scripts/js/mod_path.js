// POSIX path functions (js/path.js).
import path, { join, posix } from 'path';
const show = (label, v) => print(label + ':', JSON.stringify(v));
show('join', [join('a', 'b', '../c', './d'), join('/a/', '/b/'), join(''), join('a', ''), join('..', 'x')]);
show('normalize', ['/a//b/../c/.', 'a/../../b', './', '', 'a/b/', '//x'].map(path.normalize));
show('resolve', [path.resolve('/a/b', './c'), path.resolve('/a', '/b', 'c/..'), path.resolve('/x', '..', '..')]);
show('relative', [path.relative('/a/b/c', '/a/d'), path.relative('/a', '/a/b/c'), path.relative('/a', '/a')]);
show('dirname', ['/a/b/c', '/a/b/', 'a', '/', '', 'a/b'].map(path.dirname));
show('basename', [path.basename('/a/b.txt'), path.basename('/a/b.txt', '.txt'), path.basename('/a/b/'), path.basename('b.txt', 'b.txt')]);
show('extname', ['a.js', 'a.b.c', '.bashrc', 'a.', 'a', '/x.y/z', '..'].map(path.extname));
show('parse', [path.parse('/home/u/f.txt'), path.parse('f.txt'), path.parse('./f'), path.parse('/')]);
show('format', [path.format({ dir: '/x', base: 'f.txt' }), path.format({ root: '/', name: 'f', ext: '.c' }), path.format({ name: 'f', ext: 'c' })]);
show('isAbsolute', [path.isAbsolute('/a'), path.isAbsolute('a')]);
show('consts', [path.sep, path.delimiter, posix === path.posix, path.posix.join === join]);
try { path.join(1); } catch (e) { print('bad arg:', e.name, e.code); }
