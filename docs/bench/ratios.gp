# Written by bench/report.py: ratio of each method's median time per call to the
# hand-written Eigen code's, per case. Run: gnuplot ratios.gp
set terminal svg size 1100,620 dynamic enhanced font "sans,11" background rgb "white"
set output "ratios.svg"
set title "Time per call relative to hand-written Eigen (1 = as fast; lower is faster)"
set ylabel "ratio to hand-written (log scale)"
set logscale y
set yrange [0.00712:450]
set grid ytics mytics
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics rotate by -20 noenhanced
set key below horizontal maxcols 3 Left reverse noenhanced
set xrange [-0.6:6.6]
set arrow from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 lw 1.5 front
$ratios << EOD
case "one read of X (floor)" "hand-written, one pass over X" "symgrad" "symgrad, eval_all (allocating)" "ADOL-C, tape reused" "ADOL-C, re-taped each call"
"logistic/569x30" 0.17891 1.00161 1.03703 1.06143 18.3676 44.7484
"logistic/10000x100" 0.350301 0.946439 0.987143 0.984424 19.1672 73.6406
"logistic/200000x100" 0.209379 0.966133 0.886102 0.877496 12.2008 32.4754
"softmax/1797x64x10" 0.0261846 NaN 1.02387 1.02806 22.2988 61.6484
"softmax/100000x100x10" 0.0434234 NaN 0.809316 0.822866 24.8771 72.128
"hessian/569x30" 0.0255409 NaN 1.09102 1.09574 163.452 167.455
"hessian/10000x100" 0.0106814 NaN 1.02588 1.02911 221.253 225.195
EOD
plot $ratios using 2:xtic(1) title columnheader(2), \
     $ratios using 3:xtic(1) title columnheader(3), \
     $ratios using 4:xtic(1) title columnheader(4), \
     $ratios using 5:xtic(1) title columnheader(5), \
     $ratios using 6:xtic(1) title columnheader(6), \
     $ratios using 7:xtic(1) title columnheader(7)
