# Written by bench/report.py: ratio of each method's median time per call to the
# hand-written Eigen code's, per case. Run: gnuplot ratios.gp
set terminal svg size 1100,620 dynamic enhanced font "sans,11" background rgb "white"
set output "ratios.svg"
set title "Time per call relative to hand-written Eigen (1 = as fast; lower is faster)"
set ylabel "ratio to hand-written (log scale)"
set logscale y
set yrange [0.0126:489]
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
case "one read of X (floor)" "hand-written, one pass over X" "symgrad" "ADOL-C, tape reused" "ADOL-C, re-taped each call"
"logistic/569x30" 0.175397 0.997885 2.12811 18.1527 52.8924
"logistic/10000x100" 0.329151 0.897706 1.4331 10.0506 58.3133
"logistic/200000x100" 0.30045 0.687 1.16025 8.67827 21.4088
"softmax/1797x64x10" 0.0252482 NaN 1.17746 24.3541 70.0478
"softmax/100000x100x10" 0.0796512 NaN 1.13311 25.2137 78.8451
"hessian/569x30" 0.0224181 NaN 1.14539 150.312 146.291
"hessian/10000x100" 0.0189163 NaN 1.0565 244.52 236.878
EOD
plot $ratios using 2:xtic(1) title columnheader(2), \
     $ratios using 3:xtic(1) title columnheader(3), \
     $ratios using 4:xtic(1) title columnheader(4), \
     $ratios using 5:xtic(1) title columnheader(5), \
     $ratios using 6:xtic(1) title columnheader(6)
