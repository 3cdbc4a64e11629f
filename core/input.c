/*
 * input.c - turns the command's INPUT arguments into a stream of items:
 * .txt files (one document each), .jsonl files and stdin (one per line),
 * directories (their .txt and .jsonl files, recursively, sorted).
 */
#include "config.h"
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct source {
	char *path;          /* "-" for stdin */
	bool jsonl;
	char *fail;          /* set when the path cannot be used */
};

struct dp_input {
	struct source *src;
	size_t n, cap;
	size_t cur;          /* source being read */
	int fd;              /* open JSONL source, or -1 */
	char *buf;           /* read buffer for JSONL */
	size_t bstart, bend, bcap;
	bool eof;
	size_t line;
	uint64_t seq;
	uint64_t total, done;
};

#define READ_CHUNK (1u << 20)

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool is_jsonl_name(const char *p)
{
	return ends_with(p, ".jsonl") || ends_with(p, ".ndjson");
}

static int add_source(struct dp_input *in, const char *path, bool jsonl,
                      const char *fail)
{
	struct source *s;

	if (in->n == in->cap) {
		size_t ncap = in->cap ? in->cap * 2 : 16;
		s = realloc(in->src, ncap * sizeof *s);
		if (!s)
			return DP_ENOMEM;
		in->src = s;
		in->cap = ncap;
	}
	s = &in->src[in->n];
	s->path = dp_strdup(path);
	s->jsonl = jsonl;
	s->fail = fail ? dp_strdup(fail) : NULL;
	if (!s->path || (fail && !s->fail)) {
		free(s->path);
		free(s->fail);
		return DP_ENOMEM;
	}
	in->n++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories being read, from the input argument down. */
struct dir_chain {
	dev_t dev;
	ino_t ino;
	const struct dir_chain *up;
};

/* Adds a directory's files, sorted by name, recursing into folders. A
 * folder that is one of its own ancestors (a symlink loop) is skipped:
 * following it would add the same files again at every level. */
static int add_dir(struct dp_input *in, const char *dir,
                   const struct dir_chain *up)
{
	DIR *d;
	struct dirent *de;
	struct stat dst;
	struct dir_chain here = {0, 0, up};
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (stat(dir, &dst) == 0) {
		for (const struct dir_chain *c = up; c; c = c->up)
			if (c->dev == dst.st_dev && c->ino == dst.st_ino)
				return 0;
		here.dev = dst.st_dev;
		here.ino = dst.st_ino;
	}
	d = opendir(dir);
	if (!d) {
		char msg[512];
		snprintf(msg, sizeof msg, "cannot read directory %s: %s", dir,
		         strerror(errno));
		return add_source(in, dir, false, msg);
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			char **nn = realloc(names, ncap * sizeof *nn);
			if (!nn) {
				rc = DP_ENOMEM;
				goto out;
			}
			names = nn;
			cap = ncap;
		}
		size_t len = strlen(dir) + strlen(de->d_name) + 2;
		names[n] = malloc(len);
		if (!names[n]) {
			rc = DP_ENOMEM;
			goto out;
		}
		snprintf(names[n], len, "%s/%s", dir, de->d_name);
		n++;
	}
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat st;
		if (stat(names[i], &st) != 0)
			continue;
		bool jsonl = is_jsonl_name(names[i]);
		if (S_ISDIR(st.st_mode))
			rc = add_dir(in, names[i], &here);
		else if (S_ISREG(st.st_mode) &&
		         (jsonl || ends_with(names[i], ".txt"))) {
			rc = add_source(in, names[i], jsonl, NULL);
			/* only files that are read count towards the ETA */
			if (rc == 0)
				in->total += (uint64_t)st.st_size;
		}
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

int dp_input_open(struct dp_input **out, char *const *paths, size_t n,
                  struct dp_error *err)
{
	struct dp_input *in = calloc(1, sizeof *in);
	int rc = 0;

	if (!in)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	in->fd = -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat st;
		const char *p = paths[i];

		if (strcmp(p, "-") == 0) {
			rc = add_source(in, "-", true, NULL);
		} else if (stat(p, &st) != 0) {
			char msg[512];
			snprintf(msg, sizeof msg, "cannot read %s: %s", p,
			         strerror(errno));
			rc = add_source(in, p, false, msg);
		} else if (S_ISDIR(st.st_mode)) {
			rc = add_dir(in, p, NULL);
		} else {
			rc = add_source(in, p, is_jsonl_name(p), NULL);
			in->total += (uint64_t)st.st_size;
		}
	}
	if (rc) {
		dp_input_close(in);
		return dp_error_set(err, rc, "out of memory");
	}
	*out = in;
	return 0;
}

void dp_input_close(struct dp_input *in)
{
	if (!in)
		return;
	for (size_t i = 0; i < in->n; i++) {
		free(in->src[i].path);
		free(in->src[i].fail);
	}
	if (in->fd >= 0)
		close(in->fd);
	free(in->src);
	free(in->buf);
	free(in);
}

uint64_t dp_input_total(const struct dp_input *in) { return in->total; }
uint64_t dp_input_done(const struct dp_input *in) { return in->done; }

static void base_id(const char *path, char *id, size_t idlen)
{
	const char *b = strrchr(path, '/');
	const char *dot;
	size_t len;

	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	len = dot && dot != b ? (size_t)(dot - b) : strlen(b);
	if (len >= idlen)
		len = idlen - 1;
	memcpy(id, b, len);
	id[len] = '\0';
}

static void fail_item(struct dp_item *it, const struct source *s,
                      const char *fmt, const char *why)
{
	it->kind = DP_ITEM_FAIL;
	it->source = s->path;
	it->line = 0;
	base_id(s->path, it->id, sizeof it->id);
	it->data.len = 0;
	if (dp_buf_printf(&it->data, fmt, s->path, why) < 0)
		it->data.len = 0;
}

/* Reads a whole .txt file into the item. */
static int read_txt(struct dp_input *in, const struct source *s,
                    struct dp_item *it)
{
	int fd = open(s->path, O_RDONLY);
	ssize_t r;

	it->kind = DP_ITEM_TXT;
	it->source = s->path;
	it->line = 0;
	base_id(s->path, it->id, sizeof it->id);
	it->data.len = 0;
	if (fd < 0) {
		fail_item(it, s, "cannot open %s: %s", strerror(errno));
		return 1;
	}
	for (;;) {
		if (dp_buf_reserve(&it->data, 65536) < 0) {
			close(fd);
			fail_item(it, s, "cannot read %s: %s", "out of memory");
			return 1;
		}
		r = read(fd, it->data.data + it->data.len,
		         it->data.cap - it->data.len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			fail_item(it, s, "cannot read %s: %s", strerror(e));
			return 1;
		}
		if (r == 0)
			break;
		it->data.len += (size_t)r;
		in->done += (uint64_t)r;
	}
	it->data.data[it->data.len] = '\0';
	close(fd);
	return 1;
}

/* Refills the JSONL buffer, keeping the partial line at its start. */
static int refill(struct dp_input *in)
{
	size_t keep = in->bend - in->bstart;
	ssize_t r;

	if (in->bstart > 0) {
		memmove(in->buf, in->buf + in->bstart, keep);
		in->bstart = 0;
		in->bend = keep;
	}
	if (in->bcap - in->bend < READ_CHUNK / 2) {
		size_t ncap = in->bcap ? in->bcap * 2 : READ_CHUNK;
		char *nb = realloc(in->buf, ncap);
		if (!nb)
			return DP_ENOMEM;
		in->buf = nb;
		in->bcap = ncap;
	}
	do
		r = read(in->fd, in->buf + in->bend, in->bcap - in->bend);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return DP_EIO;
	if (r == 0)
		in->eof = true;
	in->bend += (size_t)r;
	in->done += (uint64_t)r;
	return 0;
}

/* Shrinks the read buffer after a huge line so memory stays flat. */
static void shrink(struct dp_input *in)
{
	if (in->bcap > 4 * READ_CHUNK && in->bend - in->bstart < READ_CHUNK) {
		size_t keep = in->bend - in->bstart;
		memmove(in->buf, in->buf + in->bstart, keep);
		char *nb = realloc(in->buf, READ_CHUNK);
		if (nb) {
			in->buf = nb;
			in->bcap = READ_CHUNK;
		}
		in->bstart = 0;
		in->bend = keep;
	}
}

static void close_source(struct dp_input *in)
{
	if (in->fd >= 0)
		close(in->fd);
	in->fd = -1;
	in->bstart = in->bend = 0;
	in->eof = false;
	in->line = 0;
	in->cur++;
	shrink(in);
}

int dp_input_next(struct dp_input *in, struct dp_item *it)
{
	for (;;) {
		const struct source *s;

		if (in->cur >= in->n)
			return 0;
		s = &in->src[in->cur];
		if (s->fail) {
			it->kind = DP_ITEM_FAIL;
			it->source = s->path;
			it->line = 0;
			base_id(s->path, it->id, sizeof it->id);
			it->data.len = 0;
			dp_buf_append(&it->data, s->fail, strlen(s->fail));
			it->seq = in->seq++;
			in->cur++;
			return 1;
		}
		if (!s->jsonl) {
			read_txt(in, s, it);
			it->seq = in->seq++;
			in->cur++;
			return 1;
		}
		if (in->fd < 0) {
			in->fd = strcmp(s->path, "-") == 0 ? dup(0)
			                                   : open(s->path, O_RDONLY);
			if (in->fd < 0) {
				fail_item(it, s, "cannot open %s: %s",
				          strerror(errno));
				it->seq = in->seq++;
				in->cur++;
				return 1;
			}
			in->line = 0;
		}
		/* the next non-blank line */
		for (;;) {
			char *nl = in->bend > in->bstart
			           ? memchr(in->buf + in->bstart, '\n',
			                    in->bend - in->bstart)
			           : NULL;
			size_t len;

			if (!nl && !in->eof) {
				int rc = refill(in);
				if (rc < 0) {
					fail_item(it, s, "cannot read %s: %s",
					          strerror(errno));
					it->seq = in->seq++;
					close_source(in);
					return 1;
				}
				continue;
			}
			if (!nl && in->bend == in->bstart)
				break;   /* end of this source */
			len = nl ? (size_t)(nl - (in->buf + in->bstart))
			         : in->bend - in->bstart;
			in->line++;
			const char *p = in->buf + in->bstart;
			in->bstart += len + (nl ? 1 : 0);
			/* a byte order mark before the first record (RFC 8259
			 * lets a parser ignore it; editors on Windows add it) */
			if (in->line == 1 && len >= 3 &&
			    memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
				p += 3;
				len -= 3;
			}
			size_t a = 0, b = len;
			while (a < b && (p[a] == ' ' || p[a] == '\t' ||
			                 p[a] == '\r'))
				a++;
			while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t' ||
			                 p[b - 1] == '\r'))
				b--;
			if (a == b)
				continue;   /* blank line */
			it->kind = DP_ITEM_JSONL;
			it->source = s->path;
			it->line = in->line;
			it->id[0] = '\0';
			it->data.len = 0;
			if (dp_buf_append(&it->data, p, len) < 0) {
				fail_item(it, s, "%s: %s", "out of memory");
				it->line = in->line;
			}
			it->seq = in->seq++;
			return 1;
		}
		close_source(in);
	}
}
