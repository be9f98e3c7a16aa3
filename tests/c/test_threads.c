/*
 * Eight threads share one engine: each makes DECISIONS decisions (by code,
 * and every 16th by id), and every answer must equal the one the main
 * thread got alone before the threads started.
 *
 *   test_threads [DECISIONS]     default 1000000 per thread
 */
#define _POSIX_C_SOURCE 200809L
#include "peer_support.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8
#define MAX_CODES 512

static const peer_support_engine *engine;
static uint32_t codes[MAX_CODES];
static const char *ids[MAX_CODES];
static peer_support_decision expected[MAX_CODES];
static size_t count;
static long per_thread = 1000000;

static int same(const peer_support_decision *a, const peer_support_decision *b) {
    return a->outcome == b->outcome && a->code == b->code && a->rule_count == b->rule_count &&
           a->rule_ids == b->rule_ids && a->condition_count == b->condition_count &&
           a->departed_count == b->departed_count && a->departed_rule_ids == b->departed_rule_ids;
}

static void *work(void *arg) {
    long i, wrong = 0;
    size_t k = (size_t)(long)(size_t)arg;
    peer_support_decision d;
    for (i = 0; i < per_thread; i++) {
        size_t j = (k + (size_t)i) % count;
        peer_support_result r;
        if (i % 16 == 0) {
            r = peer_support_decide_id(engine, ids[j], strlen(ids[j]), &d);
        } else {
            r = peer_support_decide_code(engine, codes[j], &d);
        }
        if (r != PEER_SUPPORT_RESULT_OK || !same(&d, &expected[j])) {
            wrong++;
        }
    }
    return (void *)(size_t)wrong;
}

int main(int argc, char **argv) {
    peer_support_engine *e = NULL;
    pthread_t threads[THREADS];
    long wrong = 0;
    size_t i;
    if (argc > 1) {
        per_thread = atol(argv[1]);
    }
    if (peer_support_engine_builtin("rkc", 3, &e) != PEER_SUPPORT_RESULT_OK) {
        fprintf(stderr, "no engine: %s\n", peer_support_last_error());
        return 1;
    }
    engine = e;
    count = peer_support_action_count(engine);
    if (count == 0 || count > MAX_CODES - 1) {
        fprintf(stderr, "unexpected catalogue size %zu\n", count);
        return 1;
    }
    for (i = 0; i < count; i++) {
        peer_support_action a;
        if (peer_support_action_at(engine, i, &a) != PEER_SUPPORT_RESULT_OK ||
            peer_support_decide_code(engine, a.code, &expected[i]) != PEER_SUPPORT_RESULT_OK) {
            fprintf(stderr, "catalogue: %s\n", peer_support_last_error());
            return 1;
        }
        codes[i] = a.code;
        ids[i] = a.id;
    }
    /* One code of no action, answered NOT_IN_CATALOGUE. */
    codes[count] = 99999;
    ids[count] = "no.such_action";
    peer_support_decide_code(engine, 99999, &expected[count]);
    count++;
    for (i = 0; i < THREADS; i++) {
        if (pthread_create(&threads[i], NULL, work, (void *)i) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    for (i = 0; i < THREADS; i++) {
        void *w;
        pthread_join(threads[i], &w);
        wrong += (long)(size_t)w;
    }
    peer_support_engine_free(e);
    printf("threads: %d threads x %ld decisions on one engine, %ld differing answers\n", THREADS,
           per_thread, wrong);
    return wrong ? 1 : 0;
}
