# Written by bench/report.py: ratio of each method's median time per call to the
# hand-written Eigen code's, per case. Run: gnuplot ratios.gp
set terminal svg size 1100,620 dynamic enhanced font "sans,11" background rgb "white"
set output "ratios.svg"
set title "Time per call relative to hand-written Eigen (1 = as fast; lower is faster)"
set ylabel "ratio to hand-written (log scale)"
set logscale y
set yrange [0.0105:450]
set grid ytics mytics
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics rotate by -20 noenhanced
set key below horizontal maxcols 3 Left reverse noenhanced
set xrange [-0.6:33.6]
set arrow from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 lw 1.5 front
$ratios << EOD
case "one read of X (floor)" "hand-written, one pass over X" "symgrad" "symgrad, eval_all (allocating)" "ADOL-C, tape reused" "ADOL-C, re-taped each call"
"logistic/569x30" 0.171783 1.00197 1.03079 1.04469 19.754 51.8836
"logistic/10000x100" 0.291285 0.92284 0.697961 0.690352 14.3023 67.0556
"logistic/200000x100" 0.317442 0.812385 0.562392 0.562602 11.0104 27.1031
"softmax/1797x64x10" 0.025452 NaN 1.03347 1.04789 24.2716 69.959
"softmax/100000x100x10" 0.0586588 NaN 0.894695 0.903467 30.3295 118.17
"hessian/569x30" 0.0222524 NaN 1.08532 1.085 161.98 169.762
"hessian/10000x100" 0.0157641 NaN 0.938311 0.940067 219.018 225.04
"least_squares/569x30" 0.413922 NaN 1.00795 NaN NaN NaN
"least_squares/10000x100" 0.380312 NaN 0.643575 NaN NaN NaN
"least_squares/200000x100" 0.299556 NaN 0.538437 NaN NaN NaN
"network/tanh/L1/m1000" NaN NaN 1.00384 NaN NaN NaN
"network/tanh/L1/m20000" NaN NaN 0.879738 NaN NaN NaN
"network/tanh/L2/m1000" NaN NaN 0.987763 NaN NaN NaN
"network/tanh/L2/m20000" NaN NaN 0.92831 NaN NaN NaN
"network/tanh/L4/m1000" NaN NaN 1.02799 NaN NaN NaN
"network/tanh/L4/m20000" NaN NaN 0.903546 NaN NaN NaN
"network/tanh/L8/m1000" NaN NaN 1.02201 NaN NaN NaN
"network/tanh/L8/m20000" NaN NaN 0.967618 NaN NaN NaN
"network/sigmoid/L1/m1000" NaN NaN 1.12483 NaN NaN NaN
"network/sigmoid/L1/m20000" NaN NaN 1.0052 NaN NaN NaN
"network/sigmoid/L2/m1000" NaN NaN 1.0808 NaN NaN NaN
"network/sigmoid/L2/m20000" NaN NaN 1.02019 NaN NaN NaN
"network/sigmoid/L4/m1000" NaN NaN 1.11053 NaN NaN NaN
"network/sigmoid/L4/m20000" NaN NaN 0.988238 NaN NaN NaN
"network/sigmoid/L8/m1000" NaN NaN 1.05902 NaN NaN NaN
"network/sigmoid/L8/m20000" NaN NaN 1.00391 NaN NaN NaN
"network/relu/L1/m1000" NaN NaN 1.01641 NaN NaN NaN
"network/relu/L1/m20000" NaN NaN 0.989083 NaN NaN NaN
"network/relu/L2/m1000" NaN NaN 0.94194 NaN NaN NaN
"network/relu/L2/m20000" NaN NaN 0.897114 NaN NaN NaN
"network/relu/L4/m1000" NaN NaN 0.975143 NaN NaN NaN
"network/relu/L4/m20000" NaN NaN 0.899756 NaN NaN NaN
"network/relu/L8/m1000" NaN NaN 1.07596 NaN NaN NaN
"network/relu/L8/m20000" NaN NaN 0.887013 NaN NaN NaN
EOD
plot $ratios using 2:xtic(1) title columnheader(2), \
     $ratios using 3:xtic(1) title columnheader(3), \
     $ratios using 4:xtic(1) title columnheader(4), \
     $ratios using 5:xtic(1) title columnheader(5), \
     $ratios using 6:xtic(1) title columnheader(6), \
     $ratios using 7:xtic(1) title columnheader(7)
