/* actor.h - who is at the keyboard: "user@host" of this process, written
 * with every journal entry and every change to a customer, so that a team
 * (and a rep copying a local journal into a team's store) can tell who
 * sent or changed what.
 */
#ifndef AFCQ_ACTOR_H
#define AFCQ_ACTOR_H

/* "user@host": $USER, else the password database's name for the real
 * user id ("unknown" when neither says); the host name ("localhost" when
 * it cannot be read).  malloc'd, the caller frees it. */
char *afcq_actor(void);

#endif
