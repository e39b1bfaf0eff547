/**
 * Twenty messages whose answers depend on their order: the country picked first decides which
 * contacts "help" shows; a "1" read at the menu means Tips, at "More tips?" the next tip. Tests
 * of one chat's order across instances post them and compare with a one-instance transcript.
 */
export const orderedScript: readonly string[] = [
  "/start",
  "1",
  "1",
  "1",
  "1",
  "menu",
  "2",
  "menu",
  "1",
  "2",
  "help",
  "menu",
  "3",
  "/start",
  "2",
  "help",
  "menu",
  "1",
  "1",
  "menu",
];
