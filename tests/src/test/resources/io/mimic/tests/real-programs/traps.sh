# Traps: on EXIT, on signals the script sends itself with kill, in subshells, reset and ignore.
trap 'echo "exit trap runs last (status $?)"' EXIT
trap 'echo "got USR1"; usr1=$((usr1 + 1))' USR1
trap 'echo "got USR2"' USR2
usr1=0
kill -USR1 $$
echo "after USR1: count=$usr1"
kill -s USR2 $$
kill -USR1 $$; kill -USR1 $$
echo "after two more: count=$usr1"
trap 'echo "got TERM, not terminated"' TERM
kill -TERM $$
echo "still running after TERM"
trap '' HUP
kill -HUP $$
echo "HUP ignored"
trap - HUP
sh -c 'kill -HUP $$; echo not reached'; echo "child killed by HUP: $?"
sh -c 'trap "echo child caught INT" INT; kill -INT $$; echo child goes on'; echo "child status $?"
(trap 'echo "subshell exit trap"' EXIT; echo "in subshell"); echo "subshell status $?"
(trap 'echo "subshell TERM trap"; exit 6' TERM; kill -TERM $(sh -c 'echo $PPID'); echo unreachable); echo "subshell after TERM: $?"
(trap 'echo "trap in subshell sees USR1"' USR1; kill -USR1 $(exec sh -c 'echo $PPID'); echo "subshell continues")
out=$(trap 'echo "from substitution exit trap"' EXIT; echo captured)
echo "substitution gave: [$out]"
(sleep 0.1; kill -USR2 $$) &
wait $!
echo "background job signalled the parent"
f() { trap 'echo "RETURN-like cleanup in function"' USR1; kill -USR1 $$; }
f
trap
exit 3
