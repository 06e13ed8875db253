/* The reader's linear program for the "<5" example of issue 9, written by
 * hand from the published table, for glpsol (GLPK's own solver, outside
 * opbrief's code). Three rows of one operation: Nigeria <5 (upstream),
 * Ghana 7, Togo 120. Protected, the table shows Ghana <10, Nigeria <10
 * (its cell counts say: one upstream "<5", nothing reported), Togo x and
 * the total 127 (the reported part; display ">127").
 *
 * The reader's unknowns are the reported parts: Nigeria's is 0 (nothing
 * was reported there), Ghana's is 1..9, Togo's is 0 or more, and
 *     ghana + nigeria + togo = 127.
 * So ghana = 127 - togo with togo >= 0, i.e. ghana in 1..9 and togo in
 * 118..126: what 'opbrief audit' must print. */
var ghana >= 1, <= 9;
var togo >= 0;
param nigeria := 0;
param total := 127;
s.t. sum_of_countries: ghana + nigeria + togo = total;
/* Which unknown, and which way: sense 1 for its largest value, -1 for
 * its smallest. */
param which symbolic;
param sense;
maximize objective: sense * (if which = "ghana" then ghana else togo);
solve;
printf "%s %s %d\n", which, if sense > 0 then "max" else "min",
       if which = "ghana" then ghana else togo;
end;
