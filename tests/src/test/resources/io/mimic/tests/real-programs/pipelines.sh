# Processes: pipelines, subshells, command substitution and background jobs with wait.
# Every command that runs in a child is a busybox applet or a shell builtin, so the same
# binary is forked (and re-executed through /proc/self/exe) under both emulators.
echo "== pipelines"
head -n 300 words.txt | sort | uniq -c | sort -rn | head -n 3
cut -d' ' -f1 words.txt | sort -u | wc -l
grep -c ing words.txt | tr 0-9 a-j
printf 'b\na\nc\n' | sort -r | tr '\n' ' '; echo
echo one two three | { read a b c; echo "read in a pipeline group: $c $b $a"; }
false | true; echo "status of false|true: $?"
true | false; echo "status of true|false: $?"
! false | false; echo "negated: $?"
seq 1 2000 | awk '{ s += $1 } END { print "sum", s }'
echo "== command substitution"
n=$(wc -l < words.txt)
echo "lines: $n"
nested=$(echo "outer $(echo "inner $(echo deepest)")")
echo "$nested"
backticks=`echo old style | tr a-z A-Z`
echo "$backticks"
words=$(head -n 3 words.txt | cut -d' ' -f1 | tr '\n' ,)
echo "words: ${words%,}"
status=$(exit 7; echo never); echo "subst status: $? [$status]"
echo "arith on subst: $(( $(echo 6) * $(echo 7) ))"
echo "== subshells"
x=outer start=$(pwd)
(x=inner; echo "in subshell: $x"; cd tree; pwd | sed 's|.*/||')
[ "$(pwd)" = "$start" ] && echo "after subshell: $x, in the same directory"
(exit 42); echo "subshell exit: $?"
( (exit 3); echo "nested inner status $?"; exit 5 ); echo "nested outer status $?"
(echo to-file; echo second) > sub.out; cat sub.out | wc -l
(set -e; false; echo "not reached"); echo "set -e in subshell: $?"
echo "== background jobs"
(sleep 0.2; echo slow > bg1.out) &
p1=$!
(echo fast > bg2.out; exit 4) &
p2=$!
wait $p2; echo "wait p2: $?"
wait $p1; echo "wait p1: $?"
cat bg1.out bg2.out
for i in 1 2 3 4 5; do (echo "job $i" > job$i.out; exit $i) & done
wait
cat job1.out job2.out job3.out job4.out job5.out
sh -c 'exit 9' & wait $!; echo "sh -c in background: $?"
echo "== jobs done"
