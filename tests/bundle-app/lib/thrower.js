// Throws from a known line.

export function explode(why) {
    throw new Error('exploded ' + why);
}
