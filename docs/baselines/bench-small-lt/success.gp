set terminal pngcairo noenhanced size 900,650
set output '/work/main/docs/baselines/bench-small-lt/success.png'
set grid
set title 'Success plot (otb, AUC in brackets)'
set xlabel 'Overlap threshold'
set ylabel 'Success rate'
set xrange [0:1]
set yrange [0:1]
set key bottom left
plot '/work/main/docs/baselines/bench-small-lt/success.dat' using 1:2 with lines lw 2 title 'boosting [0.151]', '' using 1:3 with lines lw 2 title 'csrt [0.193]', '' using 1:4 with lines lw 2 title 'kcf [0.075]', '' using 1:5 with lines lw 2 title 'medianflow [0.122]', '' using 1:6 with lines lw 2 title 'mil [0.148]', '' using 1:7 with lines lw 2 title 'mosse [0.033]', '' using 1:8 with lines lw 2 title 'tld [0.224]', '' using 1:9 with lines lw 2 title 'tld-stock [0.125]'
