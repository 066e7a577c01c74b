set terminal pngcairo noenhanced size 900,650
set output '/work/main/docs/results/online-ablation-bench-small-lt/success.png'
set grid
set title 'Success plot (otb, AUC in brackets)'
set xlabel 'Overlap threshold'
set ylabel 'Success rate'
set xrange [0:1]
set yrange [0:1]
set key bottom left
plot '/work/main/docs/results/online-ablation-bench-small-lt/success.dat' using 1:2 with lines lw 2 title 'csrt [0.205]', '' using 1:3 with lines lw 2 title 'spot-assoc [0.394]', '' using 1:4 with lines lw 2 title 'spot-full [0.442]', '' using 1:5 with lines lw 2 title 'spot-local [0.513]', '' using 1:6 with lines lw 2 title 'spot-offline [0.355]', '' using 1:7 with lines lw 2 title 'spot-online [0.395]', '' using 1:8 with lines lw 2 title 'spot-refine [0.438]'
