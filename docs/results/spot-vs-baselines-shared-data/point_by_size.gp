set terminal pngcairo noenhanced size 900,650
set output '/work/main/docs/results/spot-vs-baselines-shared-data/point_by_size.png'
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
plot '/work/main/docs/results/spot-vs-baselines-shared-data/point_by_size.dat' using 3:xtic(1) title 'boosting [0.711]', '' using 4 title 'csrt [0.723]', '' using 5 title 'kcf [0.142]', '' using 6 title 'medianflow [0.428]', '' using 7 title 'mil [0.700]', '' using 8 title 'mosse [0.279]', '' using 9 title 'spot [0.816]', '' using 10 title 'tld [0.590]', '' using 11 title 'tld-stock [0.538]'
