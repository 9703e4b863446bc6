/* stream.h - the CalcTaxes answer decoded as its bytes arrive.
 *
 * A tree of the whole answer (jansson) costs several times the answer's
 * size; this decoder (yajl's callbacks) writes each value straight into the
 * model's structures (struct afcq_response) while the answer is still
 * coming in, so a 10,000-item answer needs little more than its model, and
 * a front end can print each line item as soon as it is complete and let it
 * go (afcq_stream_item_fn).
 *
 * It reads the answer the way the jansson codec does (afcq_codec_parse_
 * response): the same field tables, the same numbers (bare, or as strings),
 * the same refusals of a value of the wrong type.  What it does not take,
 * it refuses (AFCQ_ERR_PARSE) instead of guessing, and the caller falls
 * back on the jansson codec when it still has the whole text: the relaxed
 * syntax of the AFC documentation (trailing commas, leading zeros; comments
 * are read, but only blanks may follow the answer), a key repeated in one
 * object (except a top-level "inv", whose invoices are added up, as the
 * service does), surrogate escapes ("\uD83D"), numbers of 64 characters or
 * more, and anything nested deeper than jansson reads.  So whenever this decoder succeeds, the jansson codec
 * succeeds with the same model.
 *
 * Use: afcq_stream_new, afcq_stream_feed for each piece of the body,
 * afcq_stream_finish, afcq_stream_free; or afcq_stream_decode for a whole
 * text.  One stream decodes one answer; it touches nothing but itself, its
 * response and its callbacks' data.
 */
#ifndef AFCQ_STREAM_H
#define AFCQ_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "afcq/error.h"
#include "afcq/model.h"

/* What the callbacks see: the response as decoded so far, the invoice
 * (index into resp->inv) and, for an item, its index in that invoice's
 * itms.  fed is the number of body bytes given to the stream so far. */
struct afcq_stream_event {
	struct afcq_response *resp;
	size_t inv;
	size_t item;
	size_t fed;
};

/* Called when line item ev->item of invoice ev->inv is complete (its
 * closing brace read).  Return true to let the stream release the item's
 * taxes (txs and brdg, freed; their count and sums kept in the item's
 * released tally, which afcq_money_totals adds): the caller has used them.
 * The item itself (ref, base, err) stays. */
typedef bool (*afcq_stream_item_fn)(void *ud, const struct afcq_stream_event *ev);
/* Called when invoice ev->inv is complete (ev->item is its item count).
 * Return true to let the stream release the taxes of all its items, as
 * afcq_stream_item_fn does for one. */
typedef bool (*afcq_stream_invoice_fn)(void *ud, const struct afcq_stream_event *ev);

struct afcq_stream;

/* A stream decoding into *out (emptied first with afcq_response_done; the
 * caller keeps owning it and frees it with afcq_response_done, also after
 * a failure).  Callbacks may be NULL.  Never NULL (out of memory is
 * fatal). */
struct afcq_stream *afcq_stream_new(struct afcq_response *out, afcq_stream_item_fn on_item,
				    afcq_stream_invoice_fn on_invoice, void *ud);
/* Decodes the next len bytes.  AFCQ_OK, or AFCQ_ERR_PARSE with the path or
 * the text position in *err (then further feeds fail the same way). */
enum afcq_status afcq_stream_feed(struct afcq_stream *s, const char *data, size_t len,
				  struct afcq_error *err);
/* Ends the text: AFCQ_OK when it held one complete answer object;
 * AFCQ_ERR_PARSE otherwise (an empty or blank text included). */
enum afcq_status afcq_stream_finish(struct afcq_stream *s, struct afcq_error *err);
/* Bytes fed so far. */
size_t afcq_stream_fed(const struct afcq_stream *s);
void afcq_stream_free(struct afcq_stream *s);

/* The whole text at once, without callbacks: what afcq_codec_parse_response
 * gives, or AFCQ_ERR_PARSE (see above for what it refuses).  *out as for
 * afcq_stream_new. */
enum afcq_status afcq_stream_decode(const char *text, size_t len, struct afcq_response *out,
				    struct afcq_error *err);

/* ---- pretty-printing as the text arrives ----------------------------------- */

/* JSON text laid out as afcq_json_dump(AFCQ_JSON_PRETTY) lays out its tree,
 * written to f in pieces as the text arrives (for --format json of a long
 * answer): strings as the dumper writes them, numbers as they came.
 * afcq_pretty_feed returns AFCQ_ERR_PARSE when the text is not JSON (what
 * was laid out before stays written); afcq_pretty_finish ends the text
 * (AFCQ_ERR_PARSE when incomplete) and writes the last line. */
struct afcq_pretty;
struct afcq_pretty *afcq_pretty_new(FILE *f);
enum afcq_status afcq_pretty_feed(struct afcq_pretty *p, const char *data, size_t len,
				  struct afcq_error *err);
enum afcq_status afcq_pretty_finish(struct afcq_pretty *p, struct afcq_error *err);
void afcq_pretty_free(struct afcq_pretty *p);

/* A CalcTaxes request, the whole text at once, read the same way against
 * the jansson codec's afcq_codec_parse_request (the sandbox reads large
 * requests with it): the same model, or AFCQ_ERR_PARSE for what it
 * refuses (see above; the caller falls back on the tree codec).  *out is
 * emptied first and emptied again on failure. */
enum afcq_status afcq_stream_decode_request(const char *text, size_t len,
					    struct afcq_request *out, struct afcq_error *err);
/* The same as its text arrives (a request file read in pieces): a stream
 * to feed with afcq_stream_feed and end with afcq_stream_finish, decoding
 * into *out (emptied first; the caller owns it and empties it after a
 * failure).  Never NULL. */
struct afcq_stream *afcq_stream_new_request(struct afcq_request *out);
/* The same, calling fn(ud, out, i) when invoice i of the request is
 * complete (its closing brace read, before the next one is read): fn may
 * change that invoice, and let its line items go (freed, itms NULL,
 * n_itms 0), the stream reads nothing of it again. */
typedef void (*afcq_stream_request_invoice_fn)(void *ud, struct afcq_request *req, size_t i);
struct afcq_stream *afcq_stream_new_request_each(struct afcq_request *out,
						 afcq_stream_request_invoice_fn fn, void *ud);

#endif
