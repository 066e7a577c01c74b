set terminal pngcairo noenhanced size 900,650
set output '/work/main/docs/results/online-ablation-bench-small-lt/point_by_size.png'
set grid
set title 'Point-hit rate per GT size sqrt(w*h), n = frames; pooled rate in the key'
set xlabel 'GT size (px)' offset 0,-1
set ylabel 'Point-hit rate'
set bmargin 5
set yrange [0:1]
set key tmargin horizontal
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
plot '/work/main/docs/results/online-ablation-bench-small-lt/point_by_size.dat' using 3:xtic(1) title 'csrt [0.322]', '' using 4 title 'spot-assoc [0.643]', '' using 5 title 'spot-full [0.649]', '' using 6 title 'spot-local [0.783]', '' using 7 title 'spot-offline [0.604]', '' using 8 title 'spot-online [0.645]', '' using 9 title 'spot-refine [0.643]'
