'use strict';

/** What the rows that send invitations send: the same email, to new addresses each time. */

const FROM = 'Bench <bench-sender@example.com>';
const EMAIL = {
  subject: 'You are invited to the bench',
  message: 'Hello,\n\nThe bench invites you to create an account. This message is as long as a short personal note is.',
  locale: 'en',
  timeZone: 'UTC',
};

/** `count` addresses nobody was sent anything at yet, if `label` is new. */
const recipients = (label, count) => Array.from({ length: count }, (_, index) => `${label}-${index}@example.com`);

module.exports = { FROM, EMAIL, recipients };
