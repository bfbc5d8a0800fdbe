# Written by bench/report.py: ratio of each method's median time per call to the
# hand-written Eigen code's, per case. Run: gnuplot ratios.gp
set terminal svg size 1100,620 dynamic enhanced font "sans,11" background rgb "white"
set output "ratios.svg"
set title "Time per call relative to hand-written Eigen (1 = as fast; lower is faster)"
set ylabel "ratio to hand-written (log scale)"
set logscale y
set yrange [0.0132:500]
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
"logistic/569x30" 0.186177 1.03898 1.7028 1.77782 18.4625 54.6502
"logistic/10000x100" 0.313883 0.911007 1.02879 1.06481 11.2311 59.5079
"logistic/200000x100" 0.280918 0.646619 0.636009 0.620348 8.09097 19.3903
"softmax/1797x64x10" 0.0262235 NaN 1.27659 1.28048 23.7096 73.8565
"softmax/100000x100x10" 0.0696789 NaN 0.956617 0.953527 24.9202 77.274
"hessian/569x30" 0.0234157 NaN 1.11378 1.15319 153.114 159.721
"hessian/10000x100" 0.0197647 NaN 0.958161 0.958469 249.782 243.329
EOD
plot $ratios using 2:xtic(1) title columnheader(2), \
     $ratios using 3:xtic(1) title columnheader(3), \
     $ratios using 4:xtic(1) title columnheader(4), \
     $ratios using 5:xtic(1) title columnheader(5), \
     $ratios using 6:xtic(1) title columnheader(6), \
     $ratios using 7:xtic(1) title columnheader(7)
