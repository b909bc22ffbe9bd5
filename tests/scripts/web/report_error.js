// reportError reports its argument as an uncaught exception after the current task.
reportError(new TypeError('reported'));
print('still running');
