/* book_row.c - one customer row: its fields from CSV cells and JSON
 * values, checked; and records as the JSON the import reads (see
 * book_io.h). */
#include "afcq/book_io.h"
#include "book_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "afcq/codec.h"
#include "afcq/csv.h"
#include "afcq/number.h"
#include "afcq/str.h"

/* ---- rows ---------------------------------------------------------------- */

void afcq_book_row_init(struct afcq_book_row *r)
{
	memset(r, 0, sizeof *r);
	afcq_customer_init(&r->c);
}

void afcq_book_row_done(struct afcq_book_row *r)
{
	afcq_customer_done(&r->c);
	memset(r, 0, sizeof *r);
}

void afcq_book_rows_free(struct afcq_book_row *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		afcq_book_row_done(&v[i]);
	free(v);
}

/* s without leading and trailing blanks, malloc'd. */
char *book_trimmed(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return afcq_xstrndup(s, len);
}

bool book_blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* Calls add(c, value) for each non-blank ';'-separated value of text. */
static void each_value(const char *text, struct afcq_customer *c,
		       void (*add)(struct afcq_customer *, const char *))
{
	const char *p = text;
	for (;;) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		char *v = book_trimmed(p, len);
		if (v[0])
			add(c, v);
		free(v);
		if (!semi)
			break;
		p = semi + 1;
	}
}

/* The length of an extension written at s (n bytes) after a number: "x",
 * "ext", "ext." or "extension" (any case), spaces, then digits to the end
 * ("x123", "ext. 45"); 0 when s is no such thing. */
static size_t extension_len(const char *s, size_t n)
{
	static const char *const marks[] = { "extension", "ext.", "ext", "x" };
	for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
		size_t ml = strlen(marks[m]);
		if (n < ml || strncasecmp(s, marks[m], ml) != 0)
			continue;
		size_t i = ml, digits = 0;
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		while (i < n && isdigit((unsigned char)s[i])) {
			i++;
			digits++;
		}
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		if (digits && i == n)
			return n;
	}
	return 0;
}

/* Each ';'-separated value of text must be a phone number: digits with
 * spaces and + - ( ) . between them, and maybe an extension at the end
 * ("214-555-0100 x123", as billing systems write it). */
static enum afcq_status check_phones(const char *text, struct afcq_error *err)
{
	const char *p = text;
	for (;;) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		size_t digits = 0, other = 0;
		for (size_t i = 0; i < len; i++) {
			unsigned char ch = (unsigned char)p[i];
			if (isdigit(ch))
				digits++;
			else if (isspace(ch))
				continue;
			else if (strchr("+-().", ch))
				other++;
			else if (digits && extension_len(p + i, len - i))
				break;
			else
				return afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
						      "'%.*s' is not a phone number (digits, "
						      "spaces and + - ( ) . only, then maybe an "
						      "extension: x123; several separated by ';')",
						      (int)len, p);
		}
		if (!digits && other)
			return afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
					      "'%.*s' is not a phone number (no digits)", (int)len, p);
		if (!semi)
			return AFCQ_OK;
		p = semi + 1;
	}
}

static const char *const CUST_WORDS[] = { "residential", "business", "senior citizen",
					  "industrial" };

static enum afcq_status read_cust(const char *v, struct afcq_oint *out, struct afcq_error *err)
{
	for (size_t i = 0; i < sizeof CUST_WORDS / sizeof CUST_WORDS[0]; i++)
		if (strcasecmp(v, CUST_WORDS[i]) == 0) {
			*out = (struct afcq_oint){ true, (long long)i };
			return AFCQ_OK;
		}
	struct afcq_number num;
	const char *why = NULL;
	long long ll;
	if (afcq_number_read(v, strlen(v), &num, &why) && afcq_number_integer(&num, &ll, &why) &&
	    ll >= 0 && ll <= 3) {
		*out = (struct afcq_oint){ true, ll };
		return AFCQ_OK;
	}
	return afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
			      "'%s' is not a customer type (0 residential, 1 business, "
			      "2 senior citizen or 3 industrial)", v);
}

static enum afcq_status read_bool(const char *v, struct afcq_obool *out, struct afcq_error *err)
{
	static const char *const yes[] = { "yes", "y", "true", "1" };
	static const char *const no[] = { "no", "n", "false", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = (struct afcq_obool){ true, true };
			return AFCQ_OK;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = (struct afcq_obool){ true, false };
			return AFCQ_OK;
		}
	}
	return afcq_error_set(err, AFCQ_ERR_INVALID, NULL, "'%s' is not yes or no", v);
}

static enum afcq_status read_pcode(const char *v, struct afcq_oint *out, struct afcq_error *err)
{
	size_t len = strlen(v);
	bool digits = len > 0 && len <= 9;
	for (size_t i = 0; digits && i < len; i++)
		digits = isdigit((unsigned char)v[i]);
	if (!digits || strtoll(v, NULL, 10) <= 0)
		return afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
				      "'%s' is not a PCode (a number of up to 9 digits, such as "
				      "2650300)", v);
	*out = (struct afcq_oint){ true, strtoll(v, NULL, 10) };
	return AFCQ_OK;
}

static enum afcq_status check_zip(const char *v, struct afcq_error *err)
{
	size_t len = strlen(v);
	bool ok = len <= 10;
	for (size_t i = 0; ok && i < len; i++)
		ok = isalnum((unsigned char)v[i]) || v[i] == '-' || v[i] == ' ';
	if (!ok)
		return afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
				      "'%s' is not a ZIP or postal code (letters, digits, '-' and "
				      "spaces, at most 10)", v);
	return AFCQ_OK;
}

static enum afcq_status check_state(const char *v, struct afcq_error *err)
{
	if (strlen(v) != 2 || !isalpha((unsigned char)v[0]) || !isalpha((unsigned char)v[1]))
		return afcq_error_set(err, AFCQ_ERR_INVALID, NULL,
				      "'%s' is not a state (two letters, such as TX)", v);
	return AFCQ_OK;
}

void book_set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = afcq_xstrdup(v);
}

enum afcq_status afcq_book_row_set(struct afcq_book_row *r, const char *column, const char *text,
				   struct afcq_error *err)
{
	char *v = book_trimmed(text ? text : "", text ? strlen(text) : 0);
	struct afcq_customer *c = &r->c;
	enum afcq_status st = AFCQ_OK;
	if (strcmp(column, "name") == 0) {
		if (v[0]) {
			book_set_str(&c->name, v);
			r->given |= AFCQ_BOOK_NAME;
		}
	} else if (strcmp(column, "account") == 0) {
		if (v[0]) {
			book_set_str(&c->account, v);
			r->given |= AFCQ_BOOK_ACCOUNT;
		}
	} else if (strcmp(column, "phone") == 0) {
		st = check_phones(v, err);
		if (st == AFCQ_OK && v[0]) {
			each_value(v, c, afcq_customer_add_phone);
			r->given |= c->n_phones ? AFCQ_BOOK_PHONES : 0;
		}
	} else if (strcmp(column, "pcode") == 0) {
		if (v[0]) {
			st = read_pcode(v, &c->bill.pcd, err);
			c->bill.present = true;
			r->given |= AFCQ_BOOK_PCODE;
		}
	} else if (strcmp(column, "zip") == 0) {
		if (v[0] && (st = check_zip(v, err)) == AFCQ_OK) {
			book_set_str(&c->bill.zip, v);
			c->bill.present = true;
			r->given |= AFCQ_BOOK_ZIP;
		}
	} else if (strcmp(column, "city") == 0) {
		if (v[0]) {
			book_set_str(&c->bill.city, v);
			c->bill.present = true;
			r->given |= AFCQ_BOOK_CITY;
		}
	} else if (strcmp(column, "state") == 0) {
		if (v[0] && (st = check_state(v, err)) == AFCQ_OK) {
			for (char *p = v; *p; p++)
				*p = (char)toupper((unsigned char)*p);
			book_set_str(&c->bill.st, v);
			c->bill.present = true;
			r->given |= AFCQ_BOOK_STATE;
		}
	} else if (strcmp(column, "cust") == 0) {
		if (v[0] && (st = read_cust(v, &c->cust, err)) == AFCQ_OK)
			r->given |= AFCQ_BOOK_CUST;
	} else if (strcmp(column, "lifeline") == 0) {
		if (v[0] && (st = read_bool(v, &c->lfln, err)) == AFCQ_OK)
			r->given |= AFCQ_BOOK_LFLN;
	} else if (strcmp(column, "products") == 0) {
		if (v[0]) {
			each_value(v, c, afcq_customer_add_product);
			r->given |= c->n_products ? AFCQ_BOOK_PRODUCTS : 0;
		}
	} else {
		st = afcq_error_set(err, AFCQ_ERR_USAGE, NULL, "unknown column '%s' (%s)", column,
				    AFCQ_BOOK_COLUMNS);
	}
	free(v);
	return st;
}

/* ---- out ---------------------------------------------------------------------- */

static json_t *strv_json(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i] ? v[i] : ""));
	return a;
}

static json_t *str_or_null(const char *s)
{
	return s ? afcq_json_string(s) : json_null();
}

json_t *afcq_book_customer_to_json(const struct afcq_customer *c)
{
	json_t *o = json_object();
	if (c->id)
		json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "name", str_or_null(c->name));
	json_object_set_new(o, "account", str_or_null(c->account));
	json_object_set_new(o, "phones", strv_json(c->phones, c->n_phones));
	json_object_set_new(o, "bill", c->bill.present ? afcq_codec_location_to_json(&c->bill)
						       : json_null());
	json_object_set_new(o, "cust", c->cust.set ? json_integer(c->cust.v) : json_null());
	json_object_set_new(o, "lfln", c->lfln.set ? json_boolean(c->lfln.v) : json_null());
	json_object_set_new(o, "exms", afcq_codec_exemptions_to_json(c->exms, c->n_exms));
	json_object_set_new(o, "products", strv_json(c->products, c->n_products));
	if (c->uid)
		json_object_set_new(o, "uid", afcq_json_string(c->uid));
	return o;
}

json_t *afcq_book_product_to_json(const struct afcq_product *p)
{
	json_t *o = json_object();
	if (p->id)
		json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "name", str_or_null(p->name));
	json_object_set_new(o, "itms", afcq_codec_items_to_json(p->itms, p->n_itms));
	return o;
}

const char *afcq_book_place(const struct afcq_customer *c, char *buf, size_t n)
{
	const struct afcq_location *l = &c->bill;
	if (!l->present)
		snprintf(buf, n, "%s", "");
	else if (l->city)
		snprintf(buf, n, "%s%s%s", l->city, l->st ? " " : "", l->st ? l->st : "");
	else if (l->pcd.set)
		snprintf(buf, n, "PCode %lld", l->pcd.v);
	else if (l->zip)
		snprintf(buf, n, "ZIP %s", l->zip);
	else
		snprintf(buf, n, "%s", l->st ? l->st : "");
	return buf;
}
