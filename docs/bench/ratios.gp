# Written by bench/report.py: ratio of each method's median time per call to the
# hand-written Eigen code's, per case. Run: gnuplot ratios.gp
set terminal svg size 1100,620 dynamic enhanced font "sans,11" background rgb "white"
set output "ratios.svg"
set title "Time per call relative to hand-written Eigen (1 = as fast; lower is faster)"
set ylabel "ratio to hand-written (log scale)"
set logscale y
set yrange [0.00709:446]
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
"logistic/569x30" 0.170657 1.00419 1.03867 1.05539 18.3166 47.4592
"logistic/10000x100" 0.264405 0.950736 1.07029 1.06851 21.9738 85.9009
"logistic/200000x100" 0.217111 0.897926 0.630267 0.651176 13.3574 37.2931
"softmax/1797x64x10" 0.026722 NaN 1.02539 1.03111 22.8273 65.5325
"softmax/100000x100x10" 0.0458742 NaN 0.824929 0.811004 24.0674 73.494
"hessian/569x30" 0.025714 NaN 1.08684 1.09329 163.233 169.607
"hessian/10000x100" 0.0106401 NaN 1.00304 1.00852 222.95 222.541
EOD
plot $ratios using 2:xtic(1) title columnheader(2), \
     $ratios using 3:xtic(1) title columnheader(3), \
     $ratios using 4:xtic(1) title columnheader(4), \
     $ratios using 5:xtic(1) title columnheader(5), \
     $ratios using 6:xtic(1) title columnheader(6), \
     $ratios using 7:xtic(1) title columnheader(7)
