/** In order. Never edit a committed migration: add a new one. The connector keeps no state of its own yet. */
export const UNIVERSITY_MIGRATIONS = [];
