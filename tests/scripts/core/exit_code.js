print('flushed before exit');
setTimeout(() => print('never runs'), 10);
exit(7);
print('not reached');
