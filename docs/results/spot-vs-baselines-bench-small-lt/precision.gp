set terminal pngcairo noenhanced size 900,650
set output '/work/main/docs/results/spot-vs-baselines-bench-small-lt/precision.png'
set grid
set title 'Precision plot (otb, precision at 20 px in brackets)'
set xlabel 'Location error threshold (px)'
set ylabel 'Precision'
set xrange [0:50]
set yrange [0:1]
set key bottom right
plot '/work/main/docs/results/spot-vs-baselines-bench-small-lt/precision.dat' using 1:2 with lines lw 2 title 'boosting [0.198]', '' using 1:3 with lines lw 2 title 'csrt [0.287]', '' using 1:4 with lines lw 2 title 'kcf [0.098]', '' using 1:5 with lines lw 2 title 'medianflow [0.174]', '' using 1:6 with lines lw 2 title 'mil [0.309]', '' using 1:7 with lines lw 2 title 'mosse [0.050]', '' using 1:8 with lines lw 2 title 'spot [0.561]', '' using 1:9 with lines lw 2 title 'tld [0.451]', '' using 1:10 with lines lw 2 title 'tld-stock [0.190]'
