// lutimes gives a symbolic link times of its own and leaves its target's alone (a dangling link
// included); utimes follows the link. Sync, callback and promise forms.
const fs = require('fs');
const path = require('path');

const dir = fs.mkdtempSync('lut-tmp-');
const file = path.join(dir, 'file');
const link = path.join(dir, 'link');
const dangling = path.join(dir, 'dangling');
fs.writeFileSync(file, 'x');
fs.utimesSync(file, 1000, 2000);
fs.symlinkSync('file', link);
fs.symlinkSync('nowhere', dangling);
const times = (p, stat = fs.lstatSync) => `${stat(p).atimeMs}/${stat(p).mtimeMs}`;

fs.lutimesSync(link, 12345.5, 67890.25);
console.log('sync link', times(link), 'target', times(file));
fs.lutimesSync(dangling, 5, 6);
console.log('sync dangling', times(dangling), fs.existsSync(path.join(dir, 'nowhere')));
fs.utimesSync(link, 3000, 4000);
console.log('utimes follows', fs.lstatSync(link).mtimeMs, times(file));
try { fs.lutimesSync(path.join(dir, 'missing'), 1, 2); } catch (e) { console.log(e.code, e.syscall, path.basename(e.path)); }
try { fs.lutimesSync(link, 'x', 2); } catch (e) { console.log(e.code); }

fs.lutimes(link, new Date(7000), 8, (error) => {
  console.log('callback', error, times(link), times(file));
  fs.promises.lutimes(dangling, 9, 10).then(() => {
    console.log('promise', times(dangling));
    fs.rmSync(dir, { recursive: true });
  });
});
