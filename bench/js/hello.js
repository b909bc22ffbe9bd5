// Cold start: print one line and exit. Runs under every runtime (print, or console.log in Node).
(typeof print === 'function' ? print : console.log)('hello');
