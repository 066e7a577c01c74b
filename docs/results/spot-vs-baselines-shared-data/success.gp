set terminal pngcairo noenhanced size 900,650
set output '/work/main/docs/results/spot-vs-baselines-shared-data/success.png'
set grid
set title 'Success plot (otb, AUC in brackets)'
set xlabel 'Overlap threshold'
set ylabel 'Success rate'
set xrange [0:1]
set yrange [0:1]
set key bottom left
plot '/work/main/docs/results/spot-vs-baselines-shared-data/success.dat' using 1:2 with lines lw 2 title 'boosting [0.428]', '' using 1:3 with lines lw 2 title 'csrt [0.491]', '' using 1:4 with lines lw 2 title 'kcf [0.155]', '' using 1:5 with lines lw 2 title 'medianflow [0.377]', '' using 1:6 with lines lw 2 title 'mil [0.358]', '' using 1:7 with lines lw 2 title 'mosse [0.213]', '' using 1:8 with lines lw 2 title 'spot [0.401]', '' using 1:9 with lines lw 2 title 'tld [0.257]', '' using 1:10 with lines lw 2 title 'tld-stock [0.187]'
