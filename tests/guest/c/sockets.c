/*
 * Sockets as programs use them, compared with qemu-user: AF_INET TCP over loopback (a server
 * thread, a forked client, half-close, MSG_PEEK/MSG_DONTWAIT, poll), UDP datagrams (sendto,
 * recvfrom, connected sends, MSG_TRUNC), socket options (SO_*, TCP_NODELAY, timeouts, linger),
 * the usual errors (ECONNREFUSED, EADDRINUSE, ENOTCONN), AF_INET6 loopback when the host has it,
 * and AF_UNIX: an abstract-address stream socket and SCM_RIGHTS passing several descriptors
 * at once, also from a forked child. Prints values and errno names, never ports or pids.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <stddef.h>
#include <unistd.h>

static const char *err(int e)
{
    switch (e) {
    case 0: return "ok";
    case EAGAIN: return "EAGAIN";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EADDRINUSE: return "EADDRINUSE";
    case ENOTCONN: return "ENOTCONN";
    case EINVAL: return "EINVAL";
    case EPIPE: return "EPIPE";
    case EISCONN: return "EISCONN";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case EBADF: return "EBADF";
    default: return strerror(e);
    }
}

#define CHECK(label, call) do { errno = 0; long r_ = (long) (call); printf("%s: %s\n", label, r_ < 0 ? err(errno) : "ok"); } while (0)

static struct sockaddr_in loopback(unsigned short port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static unsigned short port_of(int fd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *) &a, &len);
    return ntohs(a.sin_port);
}

static int getint(int fd, int level, int opt)
{
    int v = -1;
    socklen_t len = sizeof v;
    if (getsockopt(fd, level, opt, &v, &len) < 0) return -errno;
    return v;
}

static unsigned long checksum(const unsigned char *p, size_t n)
{
    unsigned long h = 5381;
    for (size_t i = 0; i < n; i++) h = h * 33 + p[i];
    return h;
}

/* ---- TCP ------------------------------------------------------------------------ */
enum { BIG = 300000 };
static unsigned char big[BIG];

static void *echo_server(void *arg)
{
    int listener = *(int *) arg;
    int c = accept(listener, NULL, NULL);
    unsigned char buf[8192];
    ssize_t n;
    /* echo everything back until the client half-closes, then close */
    while ((n = read(c, buf, sizeof buf)) > 0) {
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(c, buf + off, n - off);
            if (w <= 0) break;
            off += w;
        }
    }
    close(c);
    return NULL;
}

static void tcp(void)
{
    printf("-- tcp\n");
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    CHECK("SO_REUSEADDR", setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    struct sockaddr_in a = loopback(0);
    CHECK("bind 127.0.0.1:0", bind(ls, (struct sockaddr *) &a, sizeof a));
    CHECK("listen", listen(ls, 4));
    unsigned short port = port_of(ls);
    printf("port assigned: %d, acceptconn=%d type=%d domain=%d protocol=%d reuseaddr=%d\n", port != 0,
           getint(ls, SOL_SOCKET, SO_ACCEPTCONN), getint(ls, SOL_SOCKET, SO_TYPE), getint(ls, SOL_SOCKET, SO_DOMAIN),
           getint(ls, SOL_SOCKET, SO_PROTOCOL), getint(ls, SOL_SOCKET, SO_REUSEADDR) != 0);

    int other = socket(AF_INET, SOCK_STREAM, 0);
    a = loopback(port);
    CHECK("bind to a port in use", bind(other, (struct sockaddr *) &a, sizeof a));
    close(other);

    pthread_t t;
    pthread_create(&t, NULL, echo_server, &ls);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    CHECK("recv before connect", recv(c, big, 1, MSG_DONTWAIT));
    CHECK("connect", connect(c, (struct sockaddr *) &a, sizeof a));
    CHECK("connect again", connect(c, (struct sockaddr *) &a, sizeof a));
    struct sockaddr_in peer;
    socklen_t plen = sizeof peer;
    getpeername(c, (struct sockaddr *) &peer, &plen);
    printf("peer is the listener: %d, plen=%d\n", ntohs(peer.sin_port) == port && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
           (int) plen);
    printf("nodelay default=%d", getint(c, IPPROTO_TCP, TCP_NODELAY));
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    printf(" set=%d keepalive=%d", getint(c, IPPROTO_TCP, TCP_NODELAY) != 0, getint(c, SOL_SOCKET, SO_KEEPALIVE));
    setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    printf(" -> %d error=%d\n", getint(c, SOL_SOCKET, SO_KEEPALIVE) != 0, getint(c, SOL_SOCKET, SO_ERROR));
    int rcv = 65536;
    setsockopt(c, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
    printf("rcvbuf set 65536 -> %d\n", getint(c, SOL_SOCKET, SO_RCVBUF));
    struct timeval tv = {2, 500000}, tv2 = {0, 0};
    socklen_t tlen = sizeof tv2;
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    getsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv2, &tlen);
    printf("rcvtimeo %ld.%06ld len=%d\n", (long) tv2.tv_sec, (long) tv2.tv_usec, (int) tlen);
    struct linger lg = {1, 7}, lg2 = {0, 0};
    socklen_t llen = sizeof lg2;
    setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    getsockopt(c, SOL_SOCKET, SO_LINGER, &lg2, &llen);
    printf("linger onoff=%d secs=%d len=%d\n", lg2.l_onoff != 0, lg2.l_linger, (int) llen);
    CHECK("unknown option", setsockopt(c, SOL_SOCKET, 9999, &one, sizeof one));

    for (int i = 0; i < BIG; i++) big[i] = (unsigned char) (i * 7 + i / 251);
    /* Send in pieces and read back as we go, so neither side's buffer fills. */
    static unsigned char back[BIG];
    size_t sent = 0, got = 0;
    while (got < BIG) {
        if (sent < BIG) {
            ssize_t w = send(c, big + sent, BIG - sent < 20000 ? BIG - sent : 20000, 0);
            if (w > 0) sent += w;
        }
        if (sent == BIG) shutdown(c, SHUT_WR);
        ssize_t n = recv(c, back + got, BIG - got, 0);
        if (n <= 0) break;
        got += n;
    }
    printf("echoed %zu of %d bytes, same=%d\n", got, BIG, got == BIG && checksum(back, BIG) == checksum(big, BIG));
    char tiny;
    printf("after the server closed: recv=%ld\n", (long) recv(c, &tiny, 1, 0));
    CHECK("send after SHUT_WR", send(c, "x", 1, MSG_NOSIGNAL));
    pthread_join(t, NULL);
    close(c);

    /* A forked client; the parent peeks, polls and reads. */
    pid_t pid = fork();
    if (pid == 0) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(s, (struct sockaddr *) &a, sizeof a) < 0) _exit(1);
        write(s, "hello from the child\n", 21);
        char ack[4] = {0};
        read(s, ack, 3);
        _exit(strcmp(ack, "ack") == 0 ? 7 : 2);
    }
    int s = accept4(ls, NULL, NULL, SOCK_NONBLOCK);
    printf("accepted nonblocking=%d\n", (fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
    struct pollfd pfd = {s, POLLIN, 0};
    printf("poll: %d revents=%#x\n", poll(&pfd, 1, 60000), pfd.revents);
    char buf[64] = {0};
    ssize_t n = recv(s, buf, 5, MSG_PEEK);
    printf("peek %ld '%.*s'\n", (long) n, (int) n, buf);
    size_t have = 0;
    while (have < 21) {
        n = recv(s, buf + have, sizeof buf - 1 - have, 0);
        if (n > 0) have += n;
        else if (n < 0 && errno == EAGAIN) poll(&pfd, 1, 60000);
        else break;
    }
    printf("read %zu: %s", have, buf);
    CHECK("nothing more yet", recv(s, buf, 1, 0));
    write(s, "ack", 3);
    int status;
    waitpid(pid, &status, 0);
    printf("child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    close(s);
    close(ls);

    int r = socket(AF_INET, SOCK_STREAM, 0);
    CHECK("connect to the closed port", connect(r, (struct sockaddr *) &a, sizeof a));
    printf("so_error after refusal=%d\n", getint(r, SOL_SOCKET, SO_ERROR));
    close(r);
}

/* ---- UDP ------------------------------------------------------------------------ */
static void udp(void)
{
    printf("-- udp\n");
    int x = socket(AF_INET, SOCK_DGRAM, 0), y = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in ax = loopback(0), ay = loopback(0);
    bind(x, (struct sockaddr *) &ax, sizeof ax);
    bind(y, (struct sockaddr *) &ay, sizeof ay);
    ax = loopback(port_of(x));
    ay = loopback(port_of(y));
    printf("type=%d protocol=%d\n", getint(x, SOL_SOCKET, SO_TYPE), getint(x, SOL_SOCKET, SO_PROTOCOL));
    CHECK("send unconnected", send(x, "a", 1, 0));
    for (int i = 1; i <= 3; i++) {
        char msg[32];
        int len = snprintf(msg, sizeof msg, "datagram %d%.*s", i, i * 3, "!!!!!!!!!!");
        sendto(x, msg, len, 0, (struct sockaddr *) &ay, sizeof ay);
    }
    for (int i = 1; i <= 3; i++) {
        char buf[64];
        struct sockaddr_in from;
        socklen_t flen = sizeof from;
        ssize_t n = recvfrom(y, buf, sizeof buf, 0, (struct sockaddr *) &from, &flen);
        printf("got %ld '%.*s' from x: %d\n", (long) n, (int) n, buf, from.sin_port == ax.sin_port);
    }
    CHECK("connect udp", connect(x, (struct sockaddr *) &ay, sizeof ay));
    send(x, "0123456789abcdef", 16, 0);
    char small[6];
    struct iovec iov = {small, sizeof small};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    ssize_t n = recvmsg(y, &mh, MSG_TRUNC);
    printf("recvmsg MSG_TRUNC: %ld '%.6s' truncated=%d\n", (long) n, small, (mh.msg_flags & MSG_TRUNC) != 0);
    CHECK("empty queue", recv(y, small, sizeof small, MSG_DONTWAIT));
    close(x);
    close(y);
}

/* ---- IPv6 ----------------------------------------------------------------------- */
static void ipv6(void)
{
    printf("-- ipv6\n");
    int ls = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 a;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    if (ls < 0 || bind(ls, (struct sockaddr *) &a, sizeof a) < 0) {
        printf("no IPv6 loopback here: %s\n", err(errno)); /* the same answer under both emulators */
        if (ls >= 0) close(ls);
        return;
    }
    listen(ls, 1);
    socklen_t len = sizeof a;
    getsockname(ls, (struct sockaddr *) &a, &len);
    int c = socket(AF_INET6, SOCK_STREAM, 0);
    CHECK("connect [::1]", connect(c, (struct sockaddr *) &a, sizeof a));
    int s = accept(ls, NULL, NULL);
    write(c, "six", 3);
    char buf[4] = {0};
    read(s, buf, 3);
    printf("v6 got '%s', v6only=%d len=%d\n", buf, getint(ls, IPPROTO_IPV6, IPV6_V6ONLY), (int) len);
    close(s);
    close(c);
    close(ls);
}

/* ---- AF_UNIX -------------------------------------------------------------------- */
static int send_fds(int sock, const int *fds, int count, const char *data)
{
    char ctrl[CMSG_SPACE(4 * sizeof(int))];
    memset(ctrl, 0, sizeof ctrl);
    struct iovec iov = {(void *) data, strlen(data)};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = ctrl;
    mh.msg_controllen = CMSG_SPACE(count * sizeof(int));
    struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(count * sizeof(int));
    memcpy(CMSG_DATA(cm), fds, count * sizeof(int));
    return sendmsg(sock, &mh, 0);
}

static int recv_fds(int sock, int *fds, char *data, size_t cap, int flags)
{
    char ctrl[CMSG_SPACE(4 * sizeof(int))];
    struct iovec iov = {data, cap - 1};
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = ctrl;
    mh.msg_controllen = sizeof ctrl;
    ssize_t n = recvmsg(sock, &mh, flags);
    if (n < 0) return -1;
    data[n] = 0;
    int count = 0;
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
            count = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            memcpy(fds, CMSG_DATA(cm), count * sizeof(int));
        }
    }
    return count;
}

static void unix_sockets(void)
{
    printf("-- unix\n");
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int p[2];
    pipe(p);
    write(p[1], "through a passed pipe", 21);
    FILE *tmp = tmpfile();
    fputs("through a passed file", tmp);
    fflush(tmp);
    int fds[3] = {p[0], p[1], fileno(tmp)};
    printf("sendmsg 3 fds: %d\n", send_fds(sv[0], fds, 3, "three"));
    int in[4] = {-1, -1, -1, -1};
    char data[64];
    int count = recv_fds(sv[1], in, data, sizeof data, MSG_CMSG_CLOEXEC);
    printf("received %d fds with '%s', new numbers=%d cloexec=%d\n", count, data,
           in[0] != p[0] && in[1] != p[1] && in[2] != fds[2], (fcntl(in[0], F_GETFD) & FD_CLOEXEC) != 0);
    char buf[32] = {0};
    read(in[0], buf, 21);
    printf("read from passed pipe: %s\n", buf);
    write(in[1], "x", 1);
    printf("the passed write end feeds the same pipe: %ld\n", (long) read(p[0], buf, 1));
    lseek(in[2], 0, SEEK_SET);
    memset(buf, 0, sizeof buf);
    read(in[2], buf, 21);
    printf("read from passed file: %s (offset shared: %ld)\n", buf, (long) lseek(fds[2], 0, SEEK_CUR));
    for (int i = 0; i < 3; i++) close(in[i]);

    /* A child sends the parent an fd it opened itself. */
    pid_t pid = fork();
    if (pid == 0) {
        int q[2];
        pipe(q);
        write(q[1], "made by the child", 17);
        send_fds(sv[1], &q[0], 1, "child");
        _exit(0);
    }
    count = recv_fds(sv[0], in, data, sizeof data, 0);
    memset(buf, 0, sizeof buf);
    read(in[0], buf, 17);
    printf("from the child: %d fd with '%s': %s\n", count, data, buf);
    waitpid(pid, NULL, 0);
    close(in[0]);
    close(sv[0]);
    close(sv[1]);

    /* An abstract-namespace stream socket: bind, listen, connect, credentials of the peer. */
    struct sockaddr_un un;
    memset(&un, 0, sizeof un);
    un.sun_family = AF_UNIX;
    int len = snprintf(un.sun_path + 1, sizeof un.sun_path - 1, "mimic-sockets-test-%d", (int) getpid());
    socklen_t alen = offsetof(struct sockaddr_un, sun_path) + 1 + len;
    int ls = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK("bind abstract", bind(ls, (struct sockaddr *) &un, alen));
    CHECK("listen", listen(ls, 1));
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK("connect abstract", connect(c, (struct sockaddr *) &un, alen));
    int s = accept(ls, NULL, NULL);
    struct ucred cred;
    socklen_t clen = sizeof cred;
    getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cred, &clen);
    printf("peercred pid is ours: %d uid ok: %d\n", cred.pid == getpid(), cred.uid == getuid());
    send(c, "abstract", 8, 0);
    memset(buf, 0, sizeof buf);
    recv(s, buf, sizeof buf, 0);
    printf("got '%s'\n", buf);
    close(s);
    close(c);
    close(ls);

    /* Datagram boundaries on a SOCK_SEQPACKET pair. */
    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
    send(sv[0], "first", 5, 0);
    send(sv[0], "second!", 7, 0);
    printf("seqpacket: %ld %ld\n", (long) recv(sv[1], buf, sizeof buf, 0), (long) recv(sv[1], buf, sizeof buf, 0));
    close(sv[0]);
    close(sv[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    tcp();
    udp();
    ipv6();
    unix_sockets();
    return 0;
}
