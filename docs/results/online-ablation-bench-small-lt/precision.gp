set terminal pngcairo noenhanced size 900,650
set output '/work/main/docs/results/online-ablation-bench-small-lt/precision.png'
set grid
set title 'Precision plot (otb, precision at 20 px in brackets)'
set xlabel 'Location error threshold (px)'
set ylabel 'Precision'
set xrange [0:50]
set yrange [0:1]
set key bottom right
plot '/work/main/docs/results/online-ablation-bench-small-lt/precision.dat' using 1:2 with lines lw 2 title 'csrt [0.287]', '' using 1:3 with lines lw 2 title 'spot-assoc [0.556]', '' using 1:4 with lines lw 2 title 'spot-full [0.561]', '' using 1:5 with lines lw 2 title 'spot-local [0.674]', '' using 1:6 with lines lw 2 title 'spot-offline [0.514]', '' using 1:7 with lines lw 2 title 'spot-online [0.557]', '' using 1:8 with lines lw 2 title 'spot-refine [0.556]'
