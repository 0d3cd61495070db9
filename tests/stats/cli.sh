# jb-stats: the fixture of tests/stats/data gives exactly expected-benchmark.csv
# (computed independently by tests/stats/data/expected.py), and every failure
# has its exit status and a message naming what failed.
. tests/lib/cli.sh

D=tests/stats/data
help_test jb-stats
run jb-stats --help
expect "--help documents the exit statuses" stdout_has "66  a tidy or info file is missing"

run jb-stats -c $D/jeugdbench.ini --tidy $D -o "$T/out/benchmark.csv"
expect "the fixture runs" status 0
expect "the benchmark is the independently computed one" same "$D/expected-benchmark.csv:$T/out/benchmark.csv"
expect "a zero denominator is reported" stderr_has "TESTA01.csv: hulp 2021JJ00: denominator 0 in 1 of 5 municipalities"
expect "stdout stays empty" stdout_empty
no_temp_files "no temporary file is left" "$T/out"
expect "without [covariate] sections no peers.csv" no_file "$T/out/peers.csv"
expect "and no models.csv" no_file "$T/out/models.csv"

run jb-stats -c $D/jeugdbench.ini --tidy $D -o "$T/out/again.csv"
expect "two runs are byte-identical" same "$T/out/benchmark.csv:$T/out/again.csv"

# a table read once for two indicators gives each the rows it gives alone
{ cat $D/jeugdbench.ini; printf '\n[indicator andere]\ntitle = Andere zorg\ntable = zorg\nnumerator = CareOther\ndenominator = Pop\n'; } >"$T/two.ini"
{ sed '/^\[indicator hulp\]/,/^$/d' $D/jeugdbench.ini; printf '\n[indicator andere]\ntitle = Andere zorg\ntable = zorg\nnumerator = CareOther\ndenominator = Pop\n'; } >"$T/alone.ini"
run jb-stats -c "$T/two.ini" --tidy $D -o "$T/two/benchmark.csv"
expect "two indicators on one table run" status 0
run jb-stats -c "$T/alone.ini" --tidy $D -o "$T/alone/benchmark.csv"
grep '^hulp,\|^indicator,' "$T/two/benchmark.csv" >"$T/two-hulp.csv"
{ head -n 1 "$D/expected-benchmark.csv"; grep '^hulp,' "$D/expected-benchmark.csv"; } >"$T/expected-hulp.csv"
expect "the first indicator's rows are as when it is alone" same "$T/expected-hulp.csv:$T/two-hulp.csv"
grep '^andere,' "$T/two/benchmark.csv" >"$T/two-andere.csv"
grep '^andere,' "$T/alone/benchmark.csv" >"$T/alone-andere.csv"
expect "the second indicator's rows are as without the first" same "$T/alone-andere.csv:$T/two-andere.csv"

# measures named by their title instead of their key stem
sed -e 's/^numerator = Care$/numerator = Jongeren met jeugdhulp/' \
	-e 's/^denominator = Pop$/denominator = Jongeren tot 18 jaar/' $D/jeugdbench.ini >"$T/titles.ini"
run jb-stats -c "$T/titles.ini" --tidy $D -o "$T/titles.csv"
expect "measures resolve by title" same "$D/expected-benchmark.csv:$T/titles.csv"

# a missing tidy table: 66 naming it, the previous output untouched
mkdir -p "$T/tidy"
cp $D/TESTA01.csv $D/TESTA01.info.csv $D/TESTB02.info.csv "$T/tidy/"
echo old >"$T/old.csv"
run jb-stats -c $D/jeugdbench.ini --tidy "$T/tidy" -o "$T/old.csv"
expect "a missing tidy file exits 66" status 66
expect "the message names the file and the indicator" stderr_has "$T/tidy/TESTB02.csv: cannot open (table of indicator kaart): No such file or directory"
printf 'old\n' >"$T/old.expected"
expect "the previous output stays" same "$T/old.csv:$T/old.expected"
no_temp_files "a failed run leaves no temporary" "$T"

cp $D/TESTB02.csv "$T/tidy/"
rm "$T/tidy/TESTB02.info.csv"
run jb-stats -c $D/jeugdbench.ini --tidy "$T/tidy" -o "$T/x.csv"
expect "a missing info file exits 66" status 66
expect "it is named" stderr_has "TESTB02.info.csv: cannot open"

# a measure that cannot be resolved: 65 naming the stem and the candidates
sed 's/^numerator = Care$/numerator = Caer/' $D/jeugdbench.ini >"$T/typo.ini"
run jb-stats -c "$T/typo.ini" --tidy $D -o "$T/x.csv"
expect "an unresolvable measure exits 65" status 65
expect "it names the stem and the measure keys" stderr_has "TESTA01.csv: numerator measure 'Caer' not found; measure keys: Pop_1, Care_2, CareOther_3"
expect "and writes nothing" no_file "$T/x.csv"

# two measures with the same stem are ambiguous
mkdir -p "$T/ambiguous"
cp $D/*.csv "$T/ambiguous/"
sed -n 's/,Care_2,/,Care_7,/p' $D/TESTA01.csv | head -n 1 >>"$T/ambiguous/TESTA01.csv"
run jb-stats -c $D/jeugdbench.ini --tidy "$T/ambiguous" -o "$T/x.csv"
expect "an ambiguous stem exits 65" status 65
expect "it lists both keys" stderr_has "numerator measure 'Care' is ambiguous: Care_2, Care_7"

# malformed tidy data: 65 with file and line
mkdir -p "$T/bad"
cp $D/*.csv "$T/bad/"
sed 's/^GM0001,Aa,GM,2021JJ00,definitief,Care_2,\(.*\),100,ok$/GM0001,Aa,GM,2021JJ00,definitief,Care_2,\1,1e3x,ok/' \
	$D/TESTA01.csv >"$T/bad/TESTA01.csv"
run jb-stats -c $D/jeugdbench.ini --tidy "$T/bad" -o "$T/x.csv"
expect "a value that is not a number exits 65" status 65
expect "it names file and line" stderr_has "TESTA01.csv:12: value '1e3x' is not a number"

sed 's/^GM0001,Aa,GM,2021JJ00,definitief,Care_2,\(.*\),100,ok$/GM0001,Aa,GM,2021JJ00,definitief,Care_2,\1,1001,ok/' \
	$D/TESTA01.csv >"$T/bad/TESTA01.csv"
run jb-stats -c $D/jeugdbench.ini --tidy "$T/bad" -o "$T/x.csv"
expect "a numerator above its denominator exits 65" status 65
expect "it names the line" stderr_has "TESTA01.csv:12: GM0001 2021JJ00: numerator 1001 above denominator 1000 (line 11)"

{ cat $D/TESTA01.csv; grep '^GM0002,.*,GM,2021JJ00,definitief,Care_2,' $D/TESTA01.csv; } >"$T/bad/TESTA01.csv"
run jb-stats -c $D/jeugdbench.ini --tidy "$T/bad" -o "$T/x.csv"
expect "a row given twice exits 65" status 65
expect "it names both lines" stderr_has "TESTA01.csv:41: GM0002 2021JJ00 Care_2 given twice (also on line 15)"

printf 'region_code,value\nGM0001,3\n' >"$T/bad/TESTA01.csv"
run jb-stats -c $D/jeugdbench.ini --tidy "$T/bad" -o "$T/x.csv"
expect "a file that is not tidy exits 65" status 65
expect "it names the missing column" stderr_has "TESTA01.csv:1: no column 'region_name'"

# output that cannot be created: 73
echo file >"$T/plain"
run jb-stats -c $D/jeugdbench.ini --tidy $D -o "$T/plain/sub/benchmark.csv"
expect "an output folder that cannot be created exits 73" status 73
expect "it names the folder" stderr_has "$T/plain/sub: cannot create folder: Not a directory"

# configuration and command line
sed 's/^funnel_levels = .*/funnel_levels = 0.998 0.95/' $D/jeugdbench.ini >"$T/levels.ini"
run jb-stats -c "$T/levels.ini" --tidy $D -o "$T/x.csv"
expect "decreasing funnel levels exit 78" status 78
expect "the message names file and line" stderr_has "levels.ini:34: [stats] funnel_levels = '0.998 0.95'"

run jb-stats -c "$T/none.ini" --tidy $D -o "$T/x.csv"
expect "a missing configuration exits 78" status 78

run jb-stats -c $D/jeugdbench.ini --tidy $D -o "$T/x.csv" extra
expect "an extra argument exits 64" status 64

# rank intervals by simulation: reproducible with the seed, another seed differs
sed 's/^simulations = 0$/simulations = 400/' $D/jeugdbench.ini >"$T/sim.ini"
run jb-stats -c "$T/sim.ini" --tidy $D -o "$T/sim1.csv"
expect "simulated rank intervals run" status 0
run jb-stats -c "$T/sim.ini" --tidy $D -o "$T/sim2.csv"
expect "the same seed gives the same file" same "$T/sim1.csv:$T/sim2.csv"
run python3 -c 'import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["rank_low"]]
sys.exit(not rows or any(not 1 <= float(r["rank_low"]) <= float(r["rank_high"]) <= 5 for r in rows))' "$T/sim1.csv"
expect "rank intervals are given and lie within 1..5" status 0

# context covariates and peers: peers.csv and peer columns as computed by expected_context.py
run jb-stats -c $D/context.ini --tidy $D -o "$T/ctx/benchmark.csv"
expect "the context fixture runs" status 0
expect "peers.csv is written beside the benchmark, as computed independently" same "$D/expected-peers.csv:$T/ctx/peers.csv"
run python3 -c 'import csv, sys
print("period,region_code,peer_value,peer_flag")
for r in csv.DictReader(open(sys.argv[1])):
    print(",".join([r["period"], r["region_code"], r["peer_value"], r["peer_flag"]]))' "$T/ctx/benchmark.csv"
expect "peer values and flags are the independent ones" stdout_is "$D/expected-context-peers.csv"
run jb-stats -c $D/context.ini --tidy $D -o "$T/ctx/benchmark.csv"
expect "the join lists municipalities without covariates" stderr_has "hulp 2022JJ00: 1 municipalities without context covariates (no peers, no expected value): GM0006"
expect "and context regions missing from the newest period" stderr_has "hulp 2022JJ00: 2 regions of the context tables are not in this period: GM0004 GM0007"
sed 's/^peer_covariates = bijstand inwoners$/peer_covariates = bijstand armoede/' $D/context.ini >"$T/badcov.ini"
run jb-stats -c "$T/badcov.ini" --tidy $D -o "$T/ctx/x.csv"
expect "an unknown peer covariate exits 78" status 78
expect "it names the covariate" stderr_has "[stats] peer_covariates: no [covariate armoede]"
sed 's/^numerator = Bijstand$/numerator = Bijstant/' $D/context.ini >"$T/badmeasure.ini"
run jb-stats -c "$T/badmeasure.ini" --tidy $D -o "$T/ctx/x.csv"
expect "an unknown covariate measure exits 65" status 65
expect "it names covariate and stem" stderr_has "TESTC03.csv: covariate bijstand: numerator measure 'Bijstant' not found"

# the expected-value model: 3 municipalities for 3 terms fall back to the intercept
run jb-stats -c $D/context.ini --tidy $D -o "$T/ctx/benchmark.csv"
expect "the fallback is reported" stderr_has "hulp 2021JJ00: too few municipalities for the covariates: the expected values use the national proportion only (intercept model)"
run python3 -c 'import csv, sys
print("period,region_code,expected,oe_ratio,oe_low,oe_high,oe_flag")
for r in csv.DictReader(open(sys.argv[1])):
    print(",".join(r[k] for k in "period region_code expected oe_ratio oe_low oe_high oe_flag".split()))' "$T/ctx/benchmark.csv"
expect "expected counts and O/E are the independent ones" stdout_is "$D/expected-context-oe.csv"
# IRLS stops at a relative deviance change of 1e-10: compare within 1e-6
run python3 -c 'import csv, sys
got, want = (list(csv.reader(open(f))) for f in sys.argv[1:3])
def same(a, b):
    try:
        return abs(float(a) - float(b)) <= 1e-6 * max(1, abs(float(b)))
    except ValueError:
        return a == b
sys.exit(not (len(got) == len(want) and all(len(g) == len(w) and all(map(same, g, w)) for g, w in zip(got, want))))' "$T/ctx/models.csv" "$D/expected-models.csv"
expect "models.csv is the independent intercept model" status 0

# provisional from period_status; harmonised from the tidy file's optional column
mkdir -p "$T/harm"
cp $D/*.csv "$T/harm/"
awk -F, -v OFS=, 'NR == 1 { print $0, "harmonised"; next }
	{ print $0, ($1 == "GM0001" ? ($4 == "2022JJ00" && $6 == "Pop_1" ? "split" : "merged") : "no") }' $D/TESTA01.csv >"$T/harm/TESTA01.csv"
run jb-stats -c $D/jeugdbench.ini --tidy "$T/harm" -o "$T/harm/benchmark.csv"
expect "a tidy file with a harmonised column runs" status 0
run python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["indicator"] == "hulp":
        print(r["period"], r["region_code"], r["provisional"], r["harmonised"])' "$T/harm/benchmark.csv"
expect "harmonised: the strongest of the rows (split over merged)" stdout_has "2022JJ00 GM0001 yes split"
expect "merged where every row is merged" stdout_has "2021JJ00 GM0001 no merged"
expect "no elsewhere, provisional from the status" stdout_has "2021JJ00 GM0003 no no"

# tables with a category dimension (issue 8): categories summed (weighted), a
# denominator from another table, kind = ratio; expected values by hand
run jb-stats -c $D/categories.ini --tidy $D -o "$T/cat/benchmark.csv"
expect "indicators on category tables run" status 0
cut -d, -f1,3,5,7-12,23 "$T/cat/benchmark.csv" | grep -v '^hulp' >"$T/cat/core.csv"
cat >"$T/cat/expected.csv" <<'EOT'
indicator,period,region_code,numerator,denominator,value,ci_low,ci_high,national,status
toegang,2021JJ00,GM0001,50,100,50,40.383153,59.616847,36.666667,ok
toegang,2021JJ00,GM0002,60,200,30,24.074745,36.679068,36.666667,ok
gewogen,2021JJ00,GM0001,65,100,65,55.254443,73.635752,58.333333,ok
gewogen,2021JJ00,GM0002,110,200,55,48.075615,61.735932,58.333333,ok
per_jongere,2021JJ00,GM0001,1960,1000,1960,,,2053.333333,ok
per_jongere,2021JJ00,GM0002,1120,500,2240,,,2053.333333,ok
preventie,2021JJ00,GM0001,460,1960,23.469388,,,28.571429,ok
preventie,2021JJ00,GM0002,420,1120,37.5,,,28.571429,ok
EOT
expect "shares of categories, weighted sums and ratios are the hand-computed ones" same "$T/cat/expected.csv:$T/cat/core.csv"

sed 's/^numerator_category = VW01$/numerator_category = VW09/' $D/categories.ini >"$T/cat/bad.ini"
run jb-stats -c "$T/cat/bad.ini" --tidy $D -o "$T/cat/bad.csv"
expect "an unknown category exits 65" status 65
expect "it lists the categories" stderr_has "numerator measure Trajecten_1 has no category 'VW09'; categories: T001 VW01 VW02 VW03"
sed '/^numerator_category = VW01$/d' $D/categories.ini >"$T/cat/none.ini"
run jb-stats -c "$T/cat/none.ini" --tidy $D -o "$T/cat/none.csv"
expect "a category measure without categories exits 65" status 65
expect "it says how to choose" stderr_has "numerator measure Trajecten_1 is given per category (T001 VW01 VW02 VW03): name the categories with numerator_category"
sed 's/^kind = ratio$/kind = rate/' $D/categories.ini >"$T/cat/kind.ini"
run jb-stats -c "$T/cat/kind.ini" --tidy $D -o "$T/cat/kind.csv"
expect "an unknown kind exits 78" status 78

# a compositional indicator: shares with Wilson intervals and Pearson's
# chi-square against the other municipalities' pooled mix, by hand:
# GM0001 (50,30,20) against (60,100,40)/200: 20^2/30 + 20^2/50 = 21.333333,
# 2 df, p = exp(-21.333333/2) = 2.33091e-05; GM0002 (60,100,40) against
# (0.5,0.3,0.2) x 200: 40^2/100 + 40^2/60 = 42.666667, p = exp(-21.333333)
cat >"$T/cat/composition.csv" <<'EOT'
indicator,indicator_title,period,period_status,region_code,region_name,category_key,category_title,count,total,share,ci_low,ci_high,reference_share,chi_square,df,p_value,flag,status,source
mix,Verwijzersmix,2021JJ00,definitief,GM0001,Aa,VW01,Gemeentelijke toegang,50,100,50,40.383153,59.616847,30,21.333333,2,2.33091e-05,differs,ok,synthetic
mix,Verwijzersmix,2021JJ00,definitief,GM0001,Aa,VW02,Huisarts,30,100,30,21.894885,39.584855,50,21.333333,2,2.33091e-05,differs,ok,synthetic
mix,Verwijzersmix,2021JJ00,definitief,GM0001,Aa,VW03,Jeugdarts,20,100,20,13.336693,28.882917,20,21.333333,2,2.33091e-05,differs,ok,synthetic
mix,Verwijzersmix,2021JJ00,definitief,GM0002,Bb,VW01,Gemeentelijke toegang,60,200,30,24.074745,36.679068,50,42.666667,2,5.43314e-10,differs,ok,synthetic
mix,Verwijzersmix,2021JJ00,definitief,GM0002,Bb,VW02,Huisarts,100,200,50,43.136086,56.863914,30,42.666667,2,5.43314e-10,differs,ok,synthetic
mix,Verwijzersmix,2021JJ00,definitief,GM0002,Bb,VW03,Jeugdarts,40,200,20,15.045201,26.085519,20,42.666667,2,5.43314e-10,differs,ok,synthetic
EOT
cp "$T/cat/composition.csv" "$T/cat/expected-composition.csv"
run jb-stats -c $D/categories.ini --tidy $D -o "$T/cat2/benchmark.csv"
expect "composition.csv is the hand-computed one" same "$T/cat/expected-composition.csv:$T/cat2/composition.csv"
grep '^mix,' "$T/cat2/benchmark.csv" >"$T/cat2/mix-rows" || true
expect "a composition gives no benchmark rows" same "/dev/null:$T/cat2/mix-rows"
run jb-stats -c $D/jeugdbench.ini --tidy $D -o "$T/cat3/benchmark.csv"
expect "without a composition there is no composition.csv" no_file "$T/cat3/composition.csv"

# targets.csv: a proportion against its target by its Wilson interval
# (50 [40.4, 59.6] within 45; 30 [24.1, 36.7] below), a ratio by its value
cat >"$T/cat/expected-targets.csv" <<'EOT'
indicator,period,region_code,value,target,target_flag,status
toegang,2021JJ00,GM0001,50,45,within,ok
toegang,2021JJ00,GM0002,30,45,below,ok
preventie,2021JJ00,GM0001,23.469388,30,below,ok
preventie,2021JJ00,GM0002,37.5,30,above,ok
EOT
expect "targets.csv flags each municipality against its target" same "$T/cat/expected-targets.csv:$T/cat2/targets.csv"

# the work is shared between threads (JB_STATS_THREADS, default the CPUs):
# every output and every message is the same with 1 thread and with 8, on
# the fixtures and on a table large enough for several chunks of rows and
# shares of trends (1,500 municipalities x 4 years, some missing or 0)
awk 'BEGIN {
	srand(7)
	print "region_code,region_name,region_type,period,period_status,measure_key,measure_title,unit,value,status"
	for (y = 0; y < 4; y++)
		for (r = 1; r <= 1500; r++) {
			pop = r % 97 == 0 ? 0 : int(200 + 5000 * rand())
			printf "GM%04d,Gemeente %d,GM,%dJJ00,%s,Pop_1,Jongeren,aantal,%d,ok\n", r, r, 2020 + y, y == 3 ? "voorlopig" : "definitief", pop
			if (rand() < 0.02)
				printf "GM%04d,Gemeente %d,GM,%dJJ00,definitief,Care_2,Hulp,aantal,,missing\n", r, r, 2020 + y
			else
				printf "GM%04d,Gemeente %d,GM,%dJJ00,definitief,Care_2,Hulp,aantal,%d,ok\n", r, r, 2020 + y, int(pop * 0.1 * rand())
		}
}' >"$T/THREADS1.csv"
printf 'key,value\nid,THREADS1\nsynthetic,yes\n' >"$T/THREADS1.info.csv"
printf '[jeugdbench]\ntitle = t\n\n[table t]\nid = THREADS1\ntitle = t\n\n[indicator hulp]\ntable = t\nnumerator = Care\ndenominator = Pop\n\n[indicator hulp2]\ntable = t\nnumerator = Care\ndenominator = Pop\nper = 1000\n\n[stats]\nsimulations = 20\n' >"$T/threads.ini"
for case in "$D/jeugdbench.ini:$D" "$D/context.ini:$D" "$D/categories.ini:$D" "$T/threads.ini:$T"; do
	# 2 threads write through 4 slots, fewer than the table's chunks of rows
	for threads in 1 2 8; do
		export JB_STATS_THREADS=$threads
		run jb-stats -c "${case%%:*}" --tidy "${case#*:}" -o "$T/threads$threads/benchmark.csv"
		mv "$err" "$T/threads$threads/stderr"
	done
	unset JB_STATS_THREADS
	name=$(basename "${case%%:*}")
	expect "$name: 2 threads give the benchmark of 1" same "$T/threads1/benchmark.csv:$T/threads2/benchmark.csv"
	expect "$name: 8 threads give the benchmark of 1" same "$T/threads1/benchmark.csv:$T/threads8/benchmark.csv"
	for threads in 2 8; do
		expect "$name: $threads threads give the same messages in the same order" \
			same "$T/threads1/stderr:$T/threads$threads/stderr"
		for side in models.csv peers.csv targets.csv composition.csv; do
			[ -e "$T/threads1/$side" ] &&
				expect "$name: $threads threads give the same $side" \
					same "$T/threads1/$side:$T/threads$threads/$side"
		done
	done
	rm -rf "$T/threads1" "$T/threads2" "$T/threads8"
done

# with two rows in error far apart (other shares of the groups), 8 threads
# name the first one only, as 1 thread does
awk -F, -v OFS=, '$1 == "GM0100" && $4 == "2021JJ00" && $6 == "Care_2" { $9 = 999999 }
	$1 == "GM1400" && $4 == "2021JJ00" && $6 == "Care_2" { $9 = 999999 } { print }' \
	"$T/THREADS1.csv" >"$T/THREADS1.csv.new" && mv "$T/THREADS1.csv.new" "$T/THREADS1.csv"
for threads in 1 8; do
	export JB_STATS_THREADS=$threads
	run jb-stats -c "$T/threads.ini" --tidy "$T" -o "$T/bad$threads/benchmark.csv"
	mv "$err" "$T/bad$threads.stderr"
done
unset JB_STATS_THREADS
err=$T/bad8.stderr
expect "a numerator above its denominator stops 8 threads too" status 65
expect "the first row in error is named" stderr_has "GM0100 2021JJ00: numerator 999999 above denominator"
if grep -q GM1400 "$T/bad8.stderr"; then _not_ok "the second is not" "stderr names GM1400"; else _ok "the second is not"; fi
expect "the messages are those of 1 thread" same "$T/bad1.stderr:$T/bad8.stderr"
# a table of 4 MiB or more is read and split on a thread of its own while
# its rows are taken in: the same outputs and messages as 1 thread, and a
# malformed record near the end is named at the same line
awk 'BEGIN {
	srand(11)
	print "region_code,region_name,region_type,period,period_status,measure_key,measure_title,unit,value,status"
	for (y = 0; y < 4; y++)
		for (r = 1; r <= 1500; r++) {
			pop = int(200 + 5000 * rand())
			printf "GM%04d,\"Gemeente %d, de \"\"oude\"\"\",GM,%dJJ00,definitief,Pop_1,Jongeren,aantal,%d,ok\n", r, r, 2020 + y, pop
			printf "GM%04d,Gemeente %d,GM,%dJJ00,definitief,Care_2,Hulp,aantal,%d,ok\n", r, r, 2020 + y, int(pop * 0.1 * rand())
			for (k = 3; k < 13; k++)
				printf "GM%04d,Gemeente %d,GM,%dJJ00,definitief,Other_%d,Iets anders dat niet gelezen wordt,aantal,%d,ok\n", r, r, 2020 + y, k, int(1000 * rand())
		}
}' >"$T/THREADS2.csv"
printf 'key,value\nid,THREADS2\nsynthetic,yes\n' >"$T/THREADS2.info.csv"
sed 's/THREADS1/THREADS2/' "$T/threads.ini" >"$T/big.ini"
size=$(wc -c <"$T/THREADS2.csv")
[ "$size" -ge 4194304 ] && _ok "the big table has 4 MiB or more" || _not_ok "the big table has 4 MiB or more" "$size bytes"
for threads in 1 8; do
	export JB_STATS_THREADS=$threads
	run jb-stats -c "$T/big.ini" --tidy "$T" -o "$T/big$threads/benchmark.csv"
	mv "$err" "$T/big$threads.stderr"
	echo "$status" >"$T/big$threads.status"
done
unset JB_STATS_THREADS
expect "a big table: 8 threads give the benchmark of 1" same "$T/big1/benchmark.csv:$T/big8/benchmark.csv"
expect "a big table: and the same messages" same "$T/big1.stderr:$T/big8.stderr"
expect "a big table: and the same status" same "$T/big1.status:$T/big8.status"
lines=$(wc -l <"$T/THREADS2.csv")
awk -v bad=$((lines - 3)) 'NR == bad { sub(/Gemeente/, "Gem\"eente") } { print }' "$T/THREADS2.csv" >"$T/THREADS2.csv.new" &&
	mv "$T/THREADS2.csv.new" "$T/THREADS2.csv"
for threads in 1 8; do
	export JB_STATS_THREADS=$threads
	run jb-stats -c "$T/big.ini" --tidy "$T" -o "$T/bigbad$threads/benchmark.csv"
	mv "$err" "$T/bigbad$threads.stderr"
done
unset JB_STATS_THREADS
err=$T/bigbad8.stderr
expect "a malformed record in a big table stops 8 threads" status 65
expect "at its line" stderr_has "THREADS2.csv:$((lines - 3)): malformed CSV"
expect "with the messages of 1 thread" same "$T/bigbad1.stderr:$T/bigbad8.stderr"
err=$T/stderr
