/* expect.h - compares an engine answer with an expected-rows file.
 *
 * Expected files (tests/fixtures/engine/NAME.expect) hold one row per line,
 * '#' starts a comment.  A row is tab-separated: a kind, then key=value
 * cells.  Kinds and their keys:
 *   tax       inv item ref name tid lvl pcd calc rate tm exm lns min tax bill
 *             cmpl sur cid cat [taxpcd usexm notax trans svc chg]  one item tax
 *   summ      inv name tid lvl pcd calc rate tchg exm lns min max tax sur cid cat
 *   notxs     inv item ref      the item has no "txs" key
 *   emptytxs  inv item ref      the item has "txs": []
 *   itemerr   inv item code msg an item err entry
 *   inverr    inv code msg      an invoice err entry
 *   reqerr    code msg          a request err entry
 *   incrf     inv [acct custref invn bcyc ccycd ccydesc]  the echoed block;
 *             keys left out must be absent
 *   base      inv item value    the solved pre-tax charge of an incl item
 *   anyorder                    rows may come in any order (else the
 *                               answer must list them in file order)
 * Only the keys a row names are compared.  Numbers compare with a relative
 * tolerance of 1e-9.  Tax rows are matched to an item's taxes and summary
 * rows to an invoice's summary one to one, and the counts must be equal; an item or invoice with no expected rows must have none;
 * an item or invoice with no expected errors must have none.
 */
#ifndef AFCQ_TEST_EXPECT_H
#define AFCQ_TEST_EXPECT_H

#include "afcq/model.h"

/* Returns the number of differences (0 = the answer is as expected); each
 * difference is printed on stderr.  A file that cannot be read counts as
 * one difference. */
int expect_rows_check(const char *expect_path, const struct afcq_response *resp);

/* Path of a fixture under tests/fixtures/engine (caller frees): the tree
 * is found through $AFCQ_TOP, else the current directory. */
char *expect_rows_fixture(const char *name);

/* The sandbox data directory of the tree, data/sandbox (caller frees). */
char *expect_rows_ratebook_dir(void);

/* Parses a request fixture; returns 0, or -1 after printing why. */
int expect_rows_load_request(const char *path, struct afcq_request *req);

/* Runs one example end to end: loads the tree's rate book and
 * tests/fixtures/engine/NAME.json, computes it and compares the answer
 * with NAME.expect.  Returns the number of differences (printed). */
int expect_rows_example(const char *name);

#endif
