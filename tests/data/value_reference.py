"""Reference values for tests/value.rs (not run by the tests).

Makes tests/data/cdnow_sample_summary.csv from CDNOW_sample.txt, the
2,357-customer CDNOW sample shipped inside the `lifetimes` 0.11.3 wheel
(lifetimes/datasets/CDNOW_sample.txt; `pip download lifetimes==0.11.3`).
Calibration ends 1997-09-30 (39 weeks, as in Fader, Hardie & Lee 2005);
a visit is a distinct date (DOMAIN §2); times are in weeks (days / 7);
mean_spend is the mean of the visit totals after the first visit; litt is
the sum of ln(weeks between consecutive visits), BTYDplus's `litt`.

Then prints the independent reference numbers the tests assert: an mpmath
(30 digits) port of BTYDplus `xbgcnbd.LL`, lifetimes' BetaGeoFitter
P(alive) and conditional expectations, MBG/NBD closed forms (Batislam et
al. 2007), the alive-customer expectation by mpmath quadrature, and
lifetimes' GammaGammaFitter conditional spend.

Run with numpy, pandas, mpmath and lifetimes==0.11.3 installed:
    python tests/data/value_reference.py path/to/CDNOW_sample.txt
"""
import sys
import pandas as pd, numpy as np
p=sys.argv[1]
df=pd.read_csv(p,sep=r'\s+',header=None,names=['id','id2','date','n','amt'],dtype={'date':str})
df['date']=pd.to_datetime(df['date'])
end=pd.Timestamp('1997-09-30')
cal=df[df.date<=end]
v=cal.groupby(['id2','date'],as_index=False)['amt'].sum().sort_values(['id2','date'])
out=open('tests/data/cdnow_sample_summary.csv','w')
out.write('x,t_x,T,mean_spend,litt\n')
for cid,g in v.groupby('id2'):
    d=(g.date.values-np.datetime64('1997-01-01'))/np.timedelta64(1,'D')
    a=g.amt.values
    x=len(d)-1
    tx=(d[-1]-d[0])/7; T=((end-pd.Timestamp('1997-01-01')).days-d[0])/7
    m=a[1:].mean() if x>0 else 0.0
    litt=np.log(np.diff(d)/7).sum() if x>0 else 0.0
    out.write(f'{x},{tx:.12g},{T:.12g},{m:.10g},{litt:.12g}\n')
out.close()
import mpmath as mp, pandas as pd, numpy as np
from lifetimes import BetaGeoFitter, GammaGammaFitter, ModifiedBetaGeoFitter
mp.mp.dps = 30
s = pd.read_csv('tests/data/cdnow_sample_summary.csv')
def xbg_ll(k, r, al, a, b, dz, rows):
    tot = mp.mpf(0)
    for x, tx, T, litt in rows:
        x=int(x); tx=mp.mpf(tx); T=mp.mpf(T); litt=mp.mpf(litt)
        d = 1 if dz else 0
        P1 = (k-1)*litt - x*mp.log(mp.factorial(k-1))
        P2 = mp.log(mp.beta(a, b+x+d)) - mp.log(mp.beta(a,b))
        P3 = mp.loggamma(r+k*x) - mp.loggamma(r) + r*mp.log(al)
        P4 = -(r+k*x)*mp.log(al+T)
        S1 = (1 if (dz or x>0) else 0) * a/(b+x-1+d) * ((al+T)/(al+tx))**(r+k*x)
        S2 = mp.mpf(1)
        for j in range(1,k):
            S2a = mp.mpf(1)
            for i in range(j): S2a *= (r+k*x+i)
            S2 += S2a*(T-tx)**j/(mp.factorial(j)*(al+T)**j)
        tot += P1+P2+P3+P4+mp.log(S1+S2)
    return tot
rows = list(zip(s.x, s.t_x, s['T'], s.litt))
# group identical rows for speed
from collections import Counter
cnt = Counter(rows)
def ll(k,r,al,a,b,dz):
    tot=mp.mpf(0)
    for row,w in cnt.items(): tot += w*xbg_ll(k,r,al,a,b,dz,[row])
    return tot
print('BG/NBD LL at ref', ll(1,0.2426,4.4136,0.7929,2.4259,False))
print('MBG/NBD LL at (0.25,4.5,0.8,2.5)', ll(1,0.25,4.5,0.8,2.5,True))
print('BG/CNBD-3 LL at (0.6,2.0,0.9,3.0)', ll(3,0.6,2.0,0.9,3.0,False))
print('MBG/CNBD-2 LL at (0.4,3.0,0.7,2.0)', ll(2,0.4,3.0,0.7,2.0,True))
# extreme params
print('BG/NBD LL at b=1e7, r=1e-3', ll(1,1e-3,4.0,0.8,1e7,False))
bg = BetaGeoFitter(); bg.params_ = pd.Series(dict(r=0.2426,alpha=4.4136,a=0.7929,b=2.4259))
custs=[(0,0,38.86),(1,1.71,38.86),(2,30.43,38.86),(5,35.0,38.86),(14,32.29,35.0),(2,5.0,30.0)]
for x,tx,T in custs:
    pa = bg.conditional_probability_alive(x,tx,T)
    e = bg.conditional_expected_number_of_purchases_up_to_time(39,x,tx,T)
    # mpmath closed form
    r,al,a,b=[mp.mpf(v) for v in ('0.2426','4.4136','0.7929','2.4259')]
    t=39
    num=(a+b+x-1)/(a-1)*(1-((al+T)/(al+T+t))**(r+x)*mp.hyp2f1(r+x,b+x,a+b+x-1,t/(al+T+t)))
    den=1+(1 if x>0 else 0)*a/(b+x-1)*((al+T)/(al+tx))**(r+x)
    print('BG cust',x,tx,T,'palive',float(np.ravel(pa)[0]), mp.nstr(1/den,17),'E39',float(np.ravel(e)[0]), mp.nstr(num/den,17))
# MBG/NBD conditional expectation (Batislam), params arbitrary
r,al,a,b=[mp.mpf(v) for v in ('0.25','4.5','0.8','2.5')]
for x,tx,T in custs[:4]:
    t=39
    num=(a+b+x)/(a-1)*(1-((al+T)/(al+T+t))**(r+x)*mp.hyp2f1(r+x,b+x+1,a+b+x,t/(al+T+t)))
    den=1+a/(b+x)*((al+T)/(al+tx))**(r+x)
    print('MBG cust',x,tx,T,'palive',mp.nstr(1/den,17),'E39',mp.nstr(num/den,17))
# bg alive expectation paths: E_p[(1-(1+pt/beta)^-s)/p], p~Beta(a,bp)
def alive(s_,beta,a_,bp,t):
    s_,beta,a_,bp,t=[mp.mpf(v) for v in (s_,beta,a_,bp,t)]
    c=a_+bp-1
    return c/(a_-1)*(1-(beta/(beta+t))**s_*mp.hyp2f1(s_,bp,c,t/(beta+t))) if a_!=1 else None
def alive_q(s_,beta,a_,bp,t):
    s_,beta,a_,bp,t=[mp.mpf(v) for v in (s_,beta,a_,bp,t)]
    f=lambda p: (1-(1+p*t/beta)**(-s_))/p * p**(a_-1)*(1-p)**(bp-1)
    return mp.quad(f,[0,mp.mpf('1e-6'),mp.mpf('1e-3'),0.1,0.5,1])/mp.beta(a_,bp)
for args in [(2.2,40,0.79,4.4,10),(2.2,40,0.79,4.4,200),(50,400,1.5,8,100),(0.3,5,0.6,2.4,5000),(3,20,1.0000001,3,30),(3,20,1.0,3,300)]:
    print('alive',args, mp.nstr(alive_q(*args),17))
# Gamma-Gamma conditional expected spend via lifetimes
gg=GammaGammaFitter(); gg.params_=pd.Series(dict(p=6.2496,q=3.7442,v=15.4435))
for x,m in [(1,11.77),(2,22.345),(10,50.0)]:
    print('GG',x,m,float(np.ravel(gg.conditional_expected_average_profit(pd.Series([x]),pd.Series([m])))[0]))
