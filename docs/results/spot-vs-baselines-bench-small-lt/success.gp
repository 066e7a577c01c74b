set terminal pngcairo noenhanced size 900,650
set output '/work/main/docs/results/spot-vs-baselines-bench-small-lt/success.png'
set grid
set title 'Success plot (otb, AUC in brackets)'
set xlabel 'Overlap threshold'
set ylabel 'Success rate'
set xrange [0:1]
set yrange [0:1]
set key bottom left
plot '/work/main/docs/results/spot-vs-baselines-bench-small-lt/success.dat' using 1:2 with lines lw 2 title 'boosting [0.141]', '' using 1:3 with lines lw 2 title 'csrt [0.205]', '' using 1:4 with lines lw 2 title 'kcf [0.073]', '' using 1:5 with lines lw 2 title 'medianflow [0.120]', '' using 1:6 with lines lw 2 title 'mil [0.173]', '' using 1:7 with lines lw 2 title 'mosse [0.038]', '' using 1:8 with lines lw 2 title 'spot [0.442]', '' using 1:9 with lines lw 2 title 'tld [0.266]', '' using 1:10 with lines lw 2 title 'tld-stock [0.116]'
