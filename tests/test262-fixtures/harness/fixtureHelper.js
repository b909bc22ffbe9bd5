// An include: tests that list it in `includes` can call it.
function doubled(number) {
  return number * 2;
}
