/*
 * The floor of client CPU per call on a machine: one thread, epoll, N
 * keep-alive HTTP/1.1 connections to 127.0.0.1, each resending one
 * pre-signed request as soon as the answer to the last one is in. It
 * frames answers by Content-Length and does nothing else, so its CPU time
 * per call is about what the kernel charges for one loopback exchange.
 *
 *   bench/floor.sh PORT [IN_FLIGHT] [SECONDS]
 *
 * builds it and feeds it the signed body of a DescribeUHostInstance call
 * (`load --dump-body`). Its last line matches the load tool's CPU figure:
 * `calls/s: N cpu_us_per_call: X user_us_per_call: Y`.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct conn {
    int fd;
    size_t len;
    char buf[16384];
};

static double seconds(struct timeval t) { return t.tv_sec + t.tv_usec / 1e6; }

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: floor PORT IN_FLIGHT SECONDS BODY_FILE\n");
        return 2;
    }
    int port = atoi(argv[1]), n = atoi(argv[2]), secs = atoi(argv[3]);
    char body[8192];
    FILE *file = fopen(argv[4], "rb");
    if (!file) {
        perror(argv[4]);
        return 1;
    }
    size_t body_len = fread(body, 1, sizeof body - 1, file);
    fclose(file);
    char request[16384];
    int request_len = snprintf(request, sizeof request,
                               "POST / HTTP/1.1\r\nhost: 127.0.0.1:%d\r\n"
                               "content-type: application/x-www-form-urlencoded\r\n"
                               "content-length: %zu\r\n\r\n%.*s",
                               port, body_len, (int)body_len, body);
    if (n < 1 || request_len <= 0 || (size_t)request_len >= sizeof request) {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    int ep = epoll_create1(0);
    struct conn *conns = calloc(n, sizeof *conns);
    for (int i = 0; i < n; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in addr = {0};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
            perror("connect");
            return 1;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, O_NONBLOCK);
        conns[i].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
        send(fd, request, request_len, 0);
    }
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long calls = 0, errors = 0;
    struct epoll_event events[64];
    for (;;) {
        int ready = epoll_wait(ep, events, 64, 1000);
        for (int j = 0; j < ready; j++) {
            struct conn *c = &conns[events[j].data.u32];
            ssize_t got = recv(c->fd, c->buf + c->len, sizeof c->buf - 1 - c->len, 0);
            if (got <= 0) {
                fprintf(stderr, "the server closed a connection\n");
                return 1;
            }
            c->len += got;
            c->buf[c->len] = 0;
            char *end = strstr(c->buf, "\r\n\r\n");
            if (!end)
                continue;
            char *length = strcasestr(c->buf, "\r\ncontent-length:");
            if (!length || length > end) {
                fprintf(stderr, "an answer without Content-Length\n");
                return 1;
            }
            size_t total = (size_t)(end - c->buf) + 4 + strtoul(length + 17, NULL, 10);
            if (c->len < total)
                continue;
            /* A wrong signature or an unknown action is an error. */
            errors += strncmp(c->buf, "HTTP/1.1 200", 12) != 0 ||
                      !memmem(end, c->len - (size_t)(end - c->buf), "\"RetCode\":0", 11);
            calls++;
            c->len = 0;
            send(c->fd, request, request_len, 0);
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= secs)
            break;
    }
    getrusage(RUSAGE_SELF, &after);
    double user = seconds(after.ru_utime) - seconds(before.ru_utime);
    double sys = seconds(after.ru_stime) - seconds(before.ru_stime);
    if (calls == 0) {
        fprintf(stderr, "no calls completed\n");
        return 1;
    }
    printf("calls/s: %ld errors: %ld cpu_us_per_call: %.1f user_us_per_call: %.1f\n",
           calls / secs, errors, (user + sys) * 1e6 / calls, user * 1e6 / calls);
    return errors != 0;
}
