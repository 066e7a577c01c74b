set terminal pngcairo noenhanced size 900,650
set output '/work/main/docs/results/spot-vs-baselines-bench-small-lt/point_by_size.png'
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
plot '/work/main/docs/results/spot-vs-baselines-bench-small-lt/point_by_size.dat' using 3:xtic(1) title 'boosting [0.226]', '' using 4 title 'csrt [0.322]', '' using 5 title 'kcf [0.109]', '' using 6 title 'medianflow [0.177]', '' using 7 title 'mil [0.331]', '' using 8 title 'mosse [0.055]', '' using 9 title 'spot [0.649]', '' using 10 title 'tld [0.524]', '' using 11 title 'tld-stock [0.218]'
